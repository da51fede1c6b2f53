ALTER TABLE `org_units` ADD `sort_order` integer;--> statement-breakpoint
ALTER TABLE `training_course_sessions` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `training_course_sessions` ADD `called_off_at` integer;--> statement-breakpoint
ALTER TABLE `training_course_sessions` ADD `called_off_by` text;--> statement-breakpoint
ALTER TABLE `consultation_rules` ADD `overview_days` integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE `consultation_rules` ADD `slot_list_days_back` integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE `consultation_rules` ADD `slot_list_days_ahead` integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE `consultation_rules` ADD `session_history_days` integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE `consultation_rules` ADD `default_slot_start_minute` integer DEFAULT 1080 NOT NULL;--> statement-breakpoint
ALTER TABLE `consultation_rules` ADD `default_slot_end_minute` integer DEFAULT 1130 NOT NULL;