-- Shipping by governorate: each governorate belongs to one zone, and each zone has a rate
-- per method with an optional free-shipping threshold (compared with the subtotal after
-- discount). The admin screen edits these; the rates below are typical Egyptian courier
-- prices at the time of writing.
CREATE TABLE shipping_zones (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name_en  TEXT NOT NULL CHECK (name_en <> ''),
    name_ar  TEXT NOT NULL CHECK (name_ar <> ''),
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE shipping_zone_governorates (
    governorate TEXT PRIMARY KEY,
    zone_id     BIGINT NOT NULL REFERENCES shipping_zones (id) ON DELETE CASCADE
);

CREATE TABLE shipping_rates (
    zone_id         BIGINT NOT NULL REFERENCES shipping_zones (id) ON DELETE CASCADE,
    method          TEXT NOT NULL CHECK (method IN ('standard', 'express')),
    rate_minor      BIGINT NOT NULL CHECK (rate_minor >= 0),
    free_over_minor BIGINT CHECK (free_over_minor > 0),
    currency        TEXT NOT NULL DEFAULT 'EGP' CHECK (currency ~ '^[A-Z]{3}$'),
    days_min        SMALLINT NOT NULL CHECK (days_min >= 0),
    days_max        SMALLINT NOT NULL CHECK (days_max >= days_min),
    PRIMARY KEY (zone_id, method)
);

WITH zones (position, name_en, name_ar, governorates, standard, free_over, express) AS (
    VALUES
    (1, 'Greater Cairo', 'القاهرة الكبرى', ARRAY['cairo', 'giza', 'qalyubia'], 5000, 150000, 9000),
    (2, 'Alexandria and the Delta', 'الإسكندرية والدلتا',
        ARRAY['alexandria', 'beheira', 'dakahlia', 'damietta', 'gharbia', 'kafr-el-sheikh', 'monufia', 'sharqia'],
        6500, 200000, 11000),
    (3, 'Canal cities', 'مدن القناة', ARRAY['port-said', 'ismailia', 'suez'], 7000, 200000, NULL),
    (4, 'Upper Egypt', 'الصعيد',
        ARRAY['beni-suef', 'faiyum', 'minya', 'asyut', 'sohag', 'qena', 'luxor', 'aswan'],
        8500, 250000, NULL),
    (5, 'Frontier governorates', 'المحافظات الحدودية',
        ARRAY['red-sea', 'new-valley', 'matrouh', 'north-sinai', 'south-sinai'],
        11000, 300000, NULL)
), inserted AS (
    INSERT INTO shipping_zones (name_en, name_ar, position)
    SELECT name_en, name_ar, position FROM zones ORDER BY position
    RETURNING id, position
), governorates AS (
    INSERT INTO shipping_zone_governorates (governorate, zone_id)
    SELECT g, i.id FROM zones z JOIN inserted i USING (position), unnest(z.governorates) g
), standard AS (
    INSERT INTO shipping_rates (zone_id, method, rate_minor, free_over_minor, days_min, days_max)
    SELECT i.id, 'standard', z.standard, z.free_over,
           CASE WHEN z.position <= 2 THEN 2 ELSE 3 END,
           CASE WHEN z.position <= 2 THEN 4 ELSE 7 END
      FROM zones z JOIN inserted i USING (position)
)
INSERT INTO shipping_rates (zone_id, method, rate_minor, free_over_minor, days_min, days_max)
SELECT i.id, 'express', z.express, NULL, 1, 1
  FROM zones z JOIN inserted i USING (position)
 WHERE z.express IS NOT NULL;
