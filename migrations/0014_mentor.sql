CREATE TABLE `mentor_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fiscal_year` integer NOT NULL,
	`term` text DEFAULT 'full' NOT NULL,
	`title` text NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`mentee_eligibility` text NOT NULL,
	`mentor_eligibility` text NOT NULL,
	`weights` text NOT NULL,
	`request_response_days` integer DEFAULT 7 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`proposal` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`published_at` integer,
	`ended_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mentor_cycles_window_ck" CHECK("mentor_cycles"."opens_on" <= "mentor_cycles"."closes_on"),
	CONSTRAINT "mentor_cycles_days_ck" CHECK("mentor_cycles"."request_response_days" BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE INDEX `mentor_cycles_year_idx` ON `mentor_cycles` (`fiscal_year`,`status`);--> statement-breakpoint
CREATE TABLE `mentor_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`subject` text NOT NULL,
	`subject_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text,
	`comment` text,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `mentor_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mentor_history_subject_idx` ON `mentor_history` (`subject`,`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `mentor_history_cycle_idx` ON `mentor_history` (`cycle_id`);--> statement-breakpoint
CREATE TABLE `mentor_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`minutes` integer NOT NULL,
	`mode` text NOT NULL,
	`logged_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `mentor_pairs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`logged_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mentor_meetings_minutes_ck" CHECK("mentor_meetings"."minutes" BETWEEN 5 AND 600)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_meetings_pair_day_uq` ON `mentor_meetings` (`pair_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `mentor_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `mentor_pairs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mentor_notes_pair_idx` ON `mentor_notes` (`pair_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `mentor_pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`mentee_id` text NOT NULL,
	`mentor_id` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`score` integer DEFAULT 0 NOT NULL,
	`terms` text DEFAULT '[]' NOT NULL,
	`mentee_fit` text,
	`mentor_fit` text,
	`needs_rematch` integer DEFAULT false NOT NULL,
	`end_reason` text,
	`ended_by` text,
	`started_at` integer,
	`ended_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `mentor_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mentee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mentor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_pairs_one_per_mentee_uq` ON `mentor_pairs` (`mentee_id`) WHERE status IN ('proposed', 'active');--> statement-breakpoint
CREATE INDEX `mentor_pairs_cycle_status_idx` ON `mentor_pairs` (`cycle_id`,`status`);--> statement-breakpoint
CREATE INDEX `mentor_pairs_mentor_idx` ON `mentor_pairs` (`mentor_id`,`status`);--> statement-breakpoint
CREATE TABLE `mentor_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`employee_id` text NOT NULL,
	`side` text NOT NULL,
	`status` text DEFAULT 'registered' NOT NULL,
	`topics` text NOT NULL,
	`free_text` text DEFAULT '' NOT NULL,
	`experience` text DEFAULT '' NOT NULL,
	`capacity` integer DEFAULT 1 NOT NULL,
	`available` integer DEFAULT true NOT NULL,
	`worries` text DEFAULT '' NOT NULL,
	`prefers_same_job_category` integer DEFAULT false NOT NULL,
	`prefers_other_bureau` integer DEFAULT false NOT NULL,
	`preferred_mentor_ids` text DEFAULT '[]' NOT NULL,
	`org_unit_id` integer,
	`rank` text,
	`job_category` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `mentor_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mentor_registrations_capacity_ck" CHECK("mentor_registrations"."capacity" BETWEEN 1 AND 3)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_registrations_one_per_side_uq` ON `mentor_registrations` (`cycle_id`,`employee_id`,`side`);--> statement-breakpoint
CREATE INDEX `mentor_registrations_employee_idx` ON `mentor_registrations` (`employee_id`);--> statement-breakpoint
CREATE TABLE `mentor_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`mentee_id` text NOT NULL,
	`mentor_id` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`expires_at` integer NOT NULL,
	`pair_id` integer,
	`decided_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `mentor_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mentee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mentor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pair_id`) REFERENCES `mentor_pairs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_requests_one_pending_uq` ON `mentor_requests` (`cycle_id`,`mentee_id`) WHERE status IN ('pending');--> statement-breakpoint
CREATE INDEX `mentor_requests_mentor_idx` ON `mentor_requests` (`mentor_id`,`status`);--> statement-breakpoint
CREATE TABLE `mentor_surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pair_id` integer NOT NULL,
	`respondent_id` text NOT NULL,
	`side` text NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `mentor_pairs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`respondent_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mentor_surveys_score_ck" CHECK("mentor_surveys"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mentor_surveys_one_per_person_uq` ON `mentor_surveys` (`pair_id`,`respondent_id`);