-- The board, search, coordinator lists and statistics as rows: one summary row per case, written with the case
-- (after its commit until the case store writes it inside the command's own transaction), read with indexes. It
-- replaces the per-hall in-memory board grain and its snapshot row, so nothing holds every case in memory and nothing
-- needs rebuilding after a crash.
--
-- Provider-neutral on purpose (the embedded SQLite schema has the same table, and CaseSummaryRows writes and reads
-- both with the same SQL): times are UTC ticks (100 ns since 0001-01-01) so both engines order, subtract and bucket
-- them alike; lists are JSON arrays; *_key columns hold the lower-cased value the board and search match on, compared
-- byte-wise (COLLATE "C") so a prefix search is a plain index range whatever the database's locale.
CREATE TABLE IF NOT EXISTS case_summary (
    case_id                text    NOT NULL PRIMARY KEY,
    version                bigint  NOT NULL,
    number                 text    NOT NULL,
    number_key             text    COLLATE "C" NOT NULL,
    tracking_code          text    NOT NULL,
    service_item_code      text    NOT NULL,
    service_item_name      text    NOT NULL,
    service_item_name_en   text    NULL,
    channel                text    NOT NULL,
    hall                   text    NOT NULL,
    hall_key               text    COLLATE "C" NOT NULL,
    delivery_hall          text    NULL,
    delivery_hall_key      text    COLLATE "C" NULL,
    window_code            text    NULL,
    window_key             text    COLLATE "C" NULL,
    departments            text    NOT NULL,
    routed_departments     text    NOT NULL,
    department_keys        text    NOT NULL,
    district               text    NULL,
    district_key           text    COLLATE "C" NULL,
    coordinator            text    NULL,
    coordinator_key        text    COLLATE "C" NULL,
    stage                  text    NOT NULL,
    status                 text    NOT NULL,
    is_open                integer NOT NULL,
    sla_state              text    NOT NULL,
    applicant_name         text    NOT NULL,
    applicant_key          text    COLLATE "C" NOT NULL,
    organisation           text    NULL,
    organisation_key       text    COLLATE "C" NULL,
    opened_at              bigint  NOT NULL,
    accepted_at            bigint  NULL,
    updated_at             bigint  NOT NULL,
    closed_at              bigint  NULL,
    due_at                 bigint  NULL,
    correction_rounds      integer NOT NULL,
    copies_saved           integer NOT NULL,
    id_card_copies_waived  integer NOT NULL,
    licence_copies_waived  integer NOT NULL,
    appointment_code       text    NULL,
    definition_id          text    NOT NULL,
    definition_version     integer NOT NULL,
    definition_version_id  text    NOT NULL,
    workflow_status        text    NOT NULL,
    incident_count         integer NOT NULL
);

-- Board: a hall's open cases newest first, and the open cases delivered to it from other halls.
CREATE INDEX IF NOT EXISTS case_summary_board ON case_summary (hall_key, is_open, opened_at DESC, case_id);
CREATE INDEX IF NOT EXISTS case_summary_delivery ON case_summary (delivery_hall_key, is_open, opened_at DESC) WHERE delivery_hall_key IS NOT NULL;
-- Every hall at once (admin, reviewer): open cases newest first.
CREATE INDEX IF NOT EXISTS case_summary_open ON case_summary (is_open, opened_at DESC, case_id);
-- Search: number prefix, tracking code, applicant name and organisation prefix (closed cases too).
CREATE INDEX IF NOT EXISTS case_summary_number ON case_summary (number_key);
CREATE INDEX IF NOT EXISTS case_summary_tracking ON case_summary (tracking_code);
CREATE INDEX IF NOT EXISTS case_summary_applicant ON case_summary (applicant_key);
CREATE INDEX IF NOT EXISTS case_summary_organisation ON case_summary (organisation_key) WHERE organisation_key IS NOT NULL;
-- Coordinator lists: projects a coordinator serves, a district's projects.
CREATE INDEX IF NOT EXISTS case_summary_coordinator ON case_summary (coordinator_key, opened_at DESC) WHERE coordinator_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS case_summary_district ON case_summary (district_key, opened_at DESC) WHERE district_key IS NOT NULL;
-- Statistics: a hall's cases by opening time; closings for handling times.
CREATE INDEX IF NOT EXISTS case_summary_hall_opened ON case_summary (hall_key, opened_at);
CREATE INDEX IF NOT EXISTS case_summary_hall_closed ON case_summary (hall_key, closed_at) WHERE closed_at IS NOT NULL;
-- Definition usage: which cases run which definition version.
CREATE INDEX IF NOT EXISTS case_summary_definition ON case_summary (definition_id, definition_version);
