CREATE TABLE `training_course_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`venue` text,
	`online` integer DEFAULT false NOT NULL,
	`capacity` integer NOT NULL,
	`signup_opens_at` integer NOT NULL,
	`signup_closes_at` integer NOT NULL,
	`cancel_deadline` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_course_sessions_course_seq_uq` ON `training_course_sessions` (`course_id`,`seq`);--> statement-breakpoint
CREATE INDEX `training_course_sessions_starts_idx` ON `training_course_sessions` (`starts_at`);--> statement-breakpoint
CREATE TABLE `training_course_tiers` (
	`course_id` integer NOT NULL,
	`tier_code` text NOT NULL,
	PRIMARY KEY(`course_id`, `tier_code`),
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tier_code`) REFERENCES `training_tiers`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_course_tiers_tier_idx` ON `training_course_tiers` (`tier_code`);--> statement-breakpoint
CREATE TABLE `training_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fiscal_year` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`needs_approval` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_courses_year_title_uq` ON `training_courses` (`fiscal_year`,`title`);--> statement-breakpoint
CREATE TABLE `training_elective_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fiscal_year` integer NOT NULL,
	`tier_code` text NOT NULL,
	`min_electives` integer NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`tier_code`) REFERENCES `training_tiers`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_elective_rules_year_tier_uq` ON `training_elective_rules` (`fiscal_year`,`tier_code`);--> statement-breakpoint
CREATE TABLE `training_enrollment_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enrollment_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text,
	`actor_role` text NOT NULL,
	`comment` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `training_enrollments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_enrollment_history_enrollment_idx` ON `training_enrollment_history` (`enrollment_id`,`at`);--> statement-breakpoint
CREATE TABLE `training_enrollments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`course_session_id` integer NOT NULL,
	`employee_id` text NOT NULL,
	`status` text NOT NULL,
	`waitlist_seq` integer,
	`tier_code` text,
	`org_unit_id` integer,
	`requested_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_session_id`) REFERENCES `training_course_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_enrollments_active_uq` ON `training_enrollments` (`course_id`,`employee_id`) WHERE status IN ('pending', 'confirmed', 'waitlisted', 'attended', 'completed');--> statement-breakpoint
CREATE UNIQUE INDEX `training_enrollments_waitlist_uq` ON `training_enrollments` (`course_session_id`,`waitlist_seq`) WHERE status = 'waitlisted';--> statement-breakpoint
CREATE INDEX `training_enrollments_session_status_idx` ON `training_enrollments` (`course_session_id`,`status`);--> statement-breakpoint
CREATE INDEX `training_enrollments_employee_idx` ON `training_enrollments` (`employee_id`);--> statement-breakpoint
CREATE TABLE `training_tiers` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`basis` text NOT NULL,
	`service_year` integer,
	`rank` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
