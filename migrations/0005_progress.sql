CREATE TABLE `indicator_values` (
	`fiscal_year` integer NOT NULL,
	`indicator` text NOT NULL,
	`value` real NOT NULL,
	`entered_by` text NOT NULL,
	`entered_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`fiscal_year`, `indicator`)
);
--> statement-breakpoint
CREATE TABLE `progress_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
