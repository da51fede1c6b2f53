CREATE TABLE `subsidy_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`applicant_id` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`certification_id` integer,
	`other_name` text,
	`other_reason` text,
	`exam_date` text NOT NULL,
	`pass_date` text NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`client_token` text NOT NULL,
	`applicant_org_unit_id` integer,
	`applicant_rank` text,
	`submitted_at` integer,
	`decided_at` integer,
	`paid_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`applicant_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`certification_id`) REFERENCES `subsidy_certifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_org_unit_id`) REFERENCES `org_units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_applications_amount_ck" CHECK("subsidy_applications"."amount" >= 0),
	CONSTRAINT "subsidy_applications_certification_ck" CHECK(("subsidy_applications"."certification_id" IS NOT NULL AND "subsidy_applications"."other_name" IS NULL) OR ("subsidy_applications"."certification_id" IS NULL AND "subsidy_applications"."other_name" IS NOT NULL AND "subsidy_applications"."other_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_applications_client_token_uq` ON `subsidy_applications` (`client_token`);--> statement-breakpoint
CREATE INDEX `subsidy_applications_applicant_idx` ON `subsidy_applications` (`applicant_id`,`fiscal_year`);--> statement-breakpoint
CREATE INDEX `subsidy_applications_year_status_idx` ON `subsidy_applications` (`fiscal_year`,`status`);--> statement-breakpoint
CREATE TABLE `subsidy_certifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`field` text NOT NULL,
	`eligible_cost_types` text NOT NULL,
	`rate_percent` integer NOT NULL,
	`cap_per_application` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "subsidy_certifications_rate_ck" CHECK("subsidy_certifications"."rate_percent" BETWEEN 1 AND 100),
	CONSTRAINT "subsidy_certifications_cap_ck" CHECK("subsidy_certifications"."cap_per_application" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_certifications_name_uq` ON `subsidy_certifications` (`name`);--> statement-breakpoint
CREATE TABLE `subsidy_cost_lines` (
	`application_id` text NOT NULL,
	`cost_type` text NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `subsidy_applications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsidy_cost_lines_amount_ck" CHECK("subsidy_cost_lines"."amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_cost_lines_uq` ON `subsidy_cost_lines` (`application_id`,`cost_type`);--> statement-breakpoint
CREATE TABLE `subsidy_files` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`kind` text NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`uploaded_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`application_id`) REFERENCES `subsidy_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subsidy_files_stored_name_uq` ON `subsidy_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `subsidy_files_application_idx` ON `subsidy_files` (`application_id`);--> statement-breakpoint
CREATE TABLE `subsidy_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_role` text NOT NULL,
	`comment` text,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `subsidy_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subsidy_history_application_idx` ON `subsidy_history` (`application_id`,`at`);--> statement-breakpoint
CREATE TABLE `subsidy_schemes` (
	`fiscal_year` integer PRIMARY KEY NOT NULL,
	`allow_other` integer DEFAULT true NOT NULL,
	`other_rate_percent` integer NOT NULL,
	`other_cap_per_application` integer NOT NULL,
	`per_person_yearly_cap` integer NOT NULL,
	`claim_deadline_days` integer NOT NULL,
	`rounding_unit` integer DEFAULT 1 NOT NULL,
	`eligible_employment_types` text NOT NULL,
	`budget` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "subsidy_schemes_rate_ck" CHECK("subsidy_schemes"."other_rate_percent" BETWEEN 1 AND 100),
	CONSTRAINT "subsidy_schemes_rounding_ck" CHECK("subsidy_schemes"."rounding_unit" >= 1),
	CONSTRAINT "subsidy_schemes_money_ck" CHECK("subsidy_schemes"."budget" >= 0 AND "subsidy_schemes"."per_person_yearly_cap" >= 0 AND "subsidy_schemes"."other_cap_per_application" >= 0)
);
