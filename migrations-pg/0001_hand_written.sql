-- plpgsql twins of the hand-written SQLite migrations (decision 014). A PostgreSQL database
-- starts empty, so the SQLite back-fills of 0013 have nothing to do here.

-- 0001: the audit log is append-only: no row may be changed or removed, by the app or by hand.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- TRUNCATE skips row triggers; SQLite has no TRUNCATE, PostgreSQL needs its own refusal.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint

-- 0013, 昇任型公募 (decision 501): a post's places can never be exceeded, whatever writes the
-- row. A placed application holds one seat 1 … places of its post (unique (post, seat));
-- these triggers refuse a seat without a post or a post without a seat, a seat beyond the
-- post's places, and a post shrunk below a seat already taken.
CREATE FUNCTION promotion_applications_seat_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.placement_post_id IS NOT NULL OR NEW.placement_seat IS NOT NULL THEN
    IF NEW.placement_post_id IS NULL OR NEW.placement_seat IS NULL OR NEW.placement_seat < 1
       OR NEW.placement_seat > (SELECT places FROM promotion_posts WHERE id = NEW.placement_post_id FOR SHARE) THEN
      RAISE EXCEPTION 'promotion placement: seat outside the places of the post';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER promotion_applications_seat_insert BEFORE INSERT ON promotion_applications
  FOR EACH ROW EXECUTE FUNCTION promotion_applications_seat_check();
--> statement-breakpoint
CREATE TRIGGER promotion_applications_seat_update BEFORE UPDATE OF placement_post_id, placement_seat ON promotion_applications
  FOR EACH ROW EXECUTE FUNCTION promotion_applications_seat_check();
--> statement-breakpoint
CREATE FUNCTION promotion_posts_places_cover_seats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.places < (SELECT max(placement_seat) FROM promotion_applications WHERE placement_post_id = NEW.id) THEN
    RAISE EXCEPTION 'promotion placement: places below a seat taken';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER promotion_posts_places_cover_seats BEFORE UPDATE OF places ON promotion_posts
  FOR EACH ROW EXECUTE FUNCTION promotion_posts_places_cover_seats();
