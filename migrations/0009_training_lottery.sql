CREATE TABLE `training_draws` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_session_id` integer NOT NULL,
	`seed` text NOT NULL,
	`priorities` text NOT NULL,
	`applicants` integer NOT NULL,
	`seated` integer NOT NULL,
	`drawn_by` text,
	`drawn_at` integer NOT NULL,
	FOREIGN KEY (`course_session_id`) REFERENCES `training_course_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drawn_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_draws_session_uq` ON `training_draws` (`course_session_id`);--> statement-breakpoint
DROP INDEX `training_enrollments_active_uq`;--> statement-breakpoint
ALTER TABLE `training_enrollments` ADD `approved_at` integer;--> statement-breakpoint
ALTER TABLE `training_enrollments` ADD `draw_group` integer;--> statement-breakpoint
ALTER TABLE `training_enrollments` ADD `draw_rank` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `training_enrollments_active_uq` ON `training_enrollments` (`course_id`,`employee_id`) WHERE status IN ('applied_pending', 'applied', 'pending', 'confirmed', 'waitlisted', 'attended', 'completed');--> statement-breakpoint
ALTER TABLE `training_course_sessions` ADD `allocation` text DEFAULT 'first_come' NOT NULL;--> statement-breakpoint
ALTER TABLE `training_courses` ADD `lottery_approval` text DEFAULT 'after' NOT NULL;--> statement-breakpoint
ALTER TABLE `training_courses` ADD `lottery_priorities` text DEFAULT '["elective_unmet","first_time"]' NOT NULL;