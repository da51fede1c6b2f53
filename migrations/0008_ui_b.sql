ALTER TABLE `org_units` ADD `sort_order` integer;--> statement-breakpoint
ALTER TABLE `training_course_sessions` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `training_course_sessions` ADD `called_off_at` integer;--> statement-breakpoint
ALTER TABLE `training_course_sessions` ADD `called_off_by` text;