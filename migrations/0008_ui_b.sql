CREATE TABLE `training_tier_rules` (
	`fiscal_year` integer NOT NULL,
	`tier_code` text NOT NULL,
	`basis` text NOT NULL,
	`service_year` integer,
	`rank` text,
	`active` integer DEFAULT true NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`fiscal_year`, `tier_code`),
	FOREIGN KEY (`tier_code`) REFERENCES `training_tiers`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
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