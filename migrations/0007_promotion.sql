CREATE TABLE `promotion_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` integer NOT NULL,
	`applicant_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`motivation` text DEFAULT '' NOT NULL,
	`career_plan` text DEFAULT '' NOT NULL,
	`self_pr` text DEFAULT '' NOT NULL,
	`stage` integer DEFAULT 0 NOT NULL,
	`placement_post_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`applicant_org_unit_id` integer,
	`applicant_rank` text,
	`submitted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `promotion_calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placement_post_id`) REFERENCES `promotion_posts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `promotion_applications_one_per_call_uq` ON `promotion_applications` (`call_id`,`applicant_id`);--> statement-breakpoint
CREATE INDEX `promotion_applications_applicant_idx` ON `promotion_applications` (`applicant_id`);--> statement-breakpoint
CREATE INDEX `promotion_applications_call_status_idx` ON `promotion_applications` (`call_id`,`status`);--> statement-breakpoint
CREATE TABLE `promotion_calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fiscal_year` integer NOT NULL,
	`title` text NOT NULL,
	`level` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`reference_date` text NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`eligibility` text NOT NULL,
	`opinion_required` integer DEFAULT false NOT NULL,
	`opinion_due_on` text,
	`stages` text NOT NULL,
	`limits` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`copied_from_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "promotion_calls_window_ck" CHECK("promotion_calls"."opens_on" <= "promotion_calls"."closes_on")
);
--> statement-breakpoint
CREATE INDEX `promotion_calls_year_idx` ON `promotion_calls` (`fiscal_year`,`status`);--> statement-breakpoint
CREATE TABLE `promotion_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`from_stage` integer,
	`to_stage` integer,
	`actor_id` text NOT NULL,
	`actor_role` text NOT NULL,
	`comment` text,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `promotion_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promotion_history_application_idx` ON `promotion_history` (`application_id`,`at`);--> statement-breakpoint
CREATE TABLE `promotion_opinions` (
	`application_id` text PRIMARY KEY NOT NULL,
	`supervisor_id` text NOT NULL,
	`recommendation` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`written_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `promotion_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `promotion_posts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` integer NOT NULL,
	`org_unit_id` integer NOT NULL,
	`duties` text NOT NULL,
	`places` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `promotion_calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "promotion_posts_places_ck" CHECK("promotion_posts"."places" >= 1)
);
--> statement-breakpoint
CREATE INDEX `promotion_posts_call_idx` ON `promotion_posts` (`call_id`);--> statement-breakpoint
ALTER TABLE `employees` ADD `work_status` text;--> statement-breakpoint
ALTER TABLE `employees` ADD `assigned_on` text;