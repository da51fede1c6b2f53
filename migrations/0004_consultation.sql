CREATE TABLE `consultation_booking_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`booking_id`) REFERENCES `consultation_bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consultation_booking_events_booking_idx` ON `consultation_booking_events` (`booking_id`,`at`);--> statement-breakpoint
CREATE TABLE `consultation_bookings` (
	`id` text PRIMARY KEY NOT NULL,
	`slot_id` integer NOT NULL,
	`employee_id` text NOT NULL,
	`topic` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`booking_code` text NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`fiscal_year` integer NOT NULL,
	`rank_group` text NOT NULL,
	`moved_from_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`slot_id`) REFERENCES `consultation_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moved_from_id`) REFERENCES `consultation_bookings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_bookings_active_slot_uq` ON `consultation_bookings` (`slot_id`) WHERE status IN ('booked', 'held', 'no_show');--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_bookings_code_uq` ON `consultation_bookings` (`booking_code`);--> statement-breakpoint
CREATE INDEX `consultation_bookings_employee_idx` ON `consultation_bookings` (`employee_id`,`status`);--> statement-breakpoint
CREATE INDEX `consultation_bookings_fiscal_year_idx` ON `consultation_bookings` (`fiscal_year`);--> statement-breakpoint
CREATE TABLE `consultation_consultant_memos` (
	`booking_id` text PRIMARY KEY NOT NULL,
	`consultant_id` integer NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `consultation_bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultation_consultants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `consultation_consultants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` text NOT NULL,
	`meeting_url` text,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_consultants_employee_uq` ON `consultation_consultants` (`employee_id`);--> statement-breakpoint
CREATE TABLE `consultation_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`booking_window_days` integer NOT NULL,
	`deadline_days_before` integer NOT NULL,
	`deadline_minute_of_day` integer NOT NULL,
	`max_per_fiscal_year` integer NOT NULL,
	`max_future_bookings` integer NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "consultation_rules_single_row_ck" CHECK("consultation_rules"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `consultation_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`consultant_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`meeting_url` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`closed_by` text,
	`closed_at` integer,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultation_consultants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "consultation_slots_order_ck" CHECK("consultation_slots"."ends_at" > "consultation_slots"."starts_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultation_slots_consultant_start_uq` ON `consultation_slots` (`consultant_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `consultation_slots_starts_idx` ON `consultation_slots` (`starts_at`);