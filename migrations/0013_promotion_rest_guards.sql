-- 昇任型公募 (decision 501): a post's places can never be exceeded, whatever writes the row.
-- A placed application holds one seat 1 … places of its post (unique (post, seat) in 0012);
-- these triggers refuse a seat without a post or a post without a seat, a seat beyond the
-- post's places, and a post shrunk below a seat already taken.
CREATE TRIGGER `promotion_applications_seat_insert` BEFORE INSERT ON `promotion_applications`
WHEN NEW.placement_post_id IS NOT NULL OR NEW.placement_seat IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'promotion placement: seat outside the places of the post')
  WHERE NEW.placement_post_id IS NULL OR NEW.placement_seat IS NULL OR NEW.placement_seat < 1
     OR NEW.placement_seat > (SELECT places FROM promotion_posts WHERE id = NEW.placement_post_id);
END;
--> statement-breakpoint
CREATE TRIGGER `promotion_applications_seat_update` BEFORE UPDATE OF placement_post_id, placement_seat ON `promotion_applications`
WHEN NEW.placement_post_id IS NOT NULL OR NEW.placement_seat IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'promotion placement: seat outside the places of the post')
  WHERE NEW.placement_post_id IS NULL OR NEW.placement_seat IS NULL OR NEW.placement_seat < 1
     OR NEW.placement_seat > (SELECT places FROM promotion_posts WHERE id = NEW.placement_post_id);
END;
--> statement-breakpoint
CREATE TRIGGER `promotion_posts_places_cover_seats` BEFORE UPDATE OF places ON `promotion_posts`
BEGIN
  SELECT RAISE(ABORT, 'promotion placement: places below a seat taken')
  WHERE NEW.places < (SELECT max(placement_seat) FROM promotion_applications WHERE placement_post_id = NEW.id);
END;
--> statement-breakpoint
-- Placements made before seats existed get theirs, in the order they were made.
UPDATE promotion_applications SET placement_seat = (
  SELECT count(*) FROM promotion_applications o
  WHERE o.placement_post_id = promotion_applications.placement_post_id
    AND (o.updated_at < promotion_applications.updated_at OR (o.updated_at = promotion_applications.updated_at AND o.id <= promotion_applications.id))
) WHERE placement_post_id IS NOT NULL;
--> statement-breakpoint
-- The breakdown facts at submission, for applications submitted before they were kept: the
-- 局/区 of the unit snapshotted then, gender and birth year as the org data has them now.
UPDATE promotion_applications SET
  applicant_bureau_id = (
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM org_units WHERE id = promotion_applications.applicant_org_unit_id
      UNION ALL SELECT o.id, o.parent_id FROM org_units o JOIN up ON o.id = up.parent_id
    ) SELECT id FROM up WHERE parent_id IS NULL),
  applicant_gender = (SELECT gender FROM employees e WHERE e.id = promotion_applications.applicant_id),
  applicant_birth_year = (SELECT birth_year FROM employees e WHERE e.id = promotion_applications.applicant_id)
WHERE submitted_at IS NOT NULL;
--> statement-breakpoint
-- Calls said how all leave counted ("none" / "half" / "full"); now each kind is named.
UPDATE promotion_calls SET eligibility = json_set(json_remove(eligibility, '$.leaveDeduction'), '$.deductedLeave',
  json(CASE json_extract(eligibility, '$.leaveDeduction')
    WHEN 'full' THEN '{"休職":"full","停職":"full","育児休業":"full","介護休暇":"full"}'
    WHEN 'half' THEN '{"休職":"half","停職":"half","育児休業":"half","介護休暇":"half"}'
    ELSE '{}' END))
WHERE json_extract(eligibility, '$.deductedLeave') IS NULL;
