CREATE TABLE `employee_leave_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_on` text NOT NULL,
	`to_on` text,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "employee_leave_periods_order_ck" CHECK("employee_leave_periods"."to_on" IS NULL OR "employee_leave_periods"."from_on" <= "employee_leave_periods"."to_on")
);
--> statement-breakpoint
CREATE INDEX `employee_leave_periods_employee_idx` ON `employee_leave_periods` (`employee_id`,`from_on`);--> statement-breakpoint
ALTER TABLE `promotion_applications` ADD `placement_seat` integer;--> statement-breakpoint
ALTER TABLE `promotion_applications` ADD `exemptions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `promotion_applications` ADD `applicant_bureau_id` integer REFERENCES org_units(id);--> statement-breakpoint
ALTER TABLE `promotion_applications` ADD `applicant_gender` text;--> statement-breakpoint
ALTER TABLE `promotion_applications` ADD `applicant_birth_year` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `promotion_applications_seat_uq` ON `promotion_applications` (`placement_post_id`,`placement_seat`);--> statement-breakpoint
ALTER TABLE `promotion_calls` ADD `stage_exemptions` text DEFAULT '[]' NOT NULL;