/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-store-private.h"

/* The schema, as the ordered steps that build it. A step is never edited
 * once released: a change is a new step. Plain SQL-92 where SQLite allows
 * (the same schema is to run on PostgreSQL): TEXT UTC ISO-8601 timestamps,
 * an INTEGER PRIMARY KEY and a stable `uuid` on every record, no SQLite-only
 * syntax, and no reserved words of SQL-92 as names (KEY, VALUE, …). */
static const TonicStoreMigration builtin_migrations[] = {
  {
    1,
    /* The practice this database belongs to: exactly one row. */
    "CREATE TABLE practice ("
    "  id         INTEGER PRIMARY KEY CHECK (id = 1),"
    "  uuid       TEXT NOT NULL UNIQUE,"
    "  name       TEXT NOT NULL,"
    "  created_at TEXT NOT NULL"
    ");"
    /* Practice-wide settings, one row each (what is per workstation lives
     * in GSettings instead). */
    "CREATE TABLE practice_setting ("
    "  id         INTEGER PRIMARY KEY,"
    "  uuid       TEXT NOT NULL UNIQUE,"
    "  name       TEXT NOT NULL UNIQUE,"
    "  text_value TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"
    /* Staff accounts. username is stored normalized
     * (tonic_staff_normalize_username()), so UNIQUE is case-insensitive. */
    "CREATE TABLE staff ("
    "  id            INTEGER PRIMARY KEY,"
    "  uuid          TEXT NOT NULL UNIQUE,"
    "  username      TEXT NOT NULL UNIQUE,"
    "  display_name  TEXT NOT NULL,"
    "  role          TEXT NOT NULL"
    "                CHECK (role IN ('admin', 'clinician', 'nurse', 'front-desk')),"
    "  password_hash TEXT NOT NULL,"
    "  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
    "  created_at    TEXT NOT NULL,"
    "  updated_at    TEXT NOT NULL"
    ");"
  },
  {
    2,
    /* The audit trail (SECURITY.md, "Audit trail"): a hash chain, appended
     * to in the transaction of each change and never changed. AT and
     * ACTION are reserved words of SQL-92, hence occurred_at and
     * action_name. patient_id gets its foreign key with the patients. */
    "CREATE TABLE audit_log ("
    "  sequence    INTEGER PRIMARY KEY CHECK (sequence > 0),"
    "  occurred_at TEXT NOT NULL,"
    "  staff_id    INTEGER NULL REFERENCES staff (id),"
    "  action_name TEXT NOT NULL,"
    "  patient_id  INTEGER NULL,"
    "  object_type TEXT,"
    "  object_id   TEXT,"
    "  outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),"
    "  detail      TEXT,"
    "  emergency   INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),"
    "  prev_hash   TEXT NOT NULL,"
    "  hash        TEXT NOT NULL UNIQUE"
    ");"
    /* The filters of the audit review; each also gives the rows of one
     * value in sequence order (the row id is part of every index). */
    "CREATE INDEX audit_log_staff_id ON audit_log (staff_id);"
    "CREATE INDEX audit_log_patient_id ON audit_log (patient_id);"
    "CREATE INDEX audit_log_action_name ON audit_log (action_name);"
    "CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);"
    /* Append-only. (On PostgreSQL: the same as trigger functions.) */
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
  },
  {
    3,
    /* Patients (tonic-store-patients.c). Never deleted: archived. Text
     * fields are stored trimmed, '' when empty; date_of_birth is
     * YYYY-MM-DD; indications the comma-separated ids of
     * tonic_indication_format_mask(). sort_name is the folded display name
     * the list is ordered by (tonic_search_fold()), name_key the folded
     * legal name that duplicates are found by. */
    "CREATE TABLE patient ("
    "  id                     INTEGER PRIMARY KEY,"
    "  uuid                   TEXT NOT NULL UNIQUE,"
    "  mrn                    TEXT NOT NULL UNIQUE,"
    "  legal_name             TEXT NOT NULL,"
    "  preferred_name         TEXT NOT NULL DEFAULT '',"
    "  pronouns               TEXT NOT NULL DEFAULT '',"
    "  date_of_birth          TEXT NOT NULL,"
    "  sex                    TEXT NOT NULL DEFAULT 'unknown'"
    "                         CHECK (sex IN ('unknown', 'female', 'male', 'intersex')),"
    "  gender                 TEXT NOT NULL DEFAULT '',"
    "  phone_mobile           TEXT NOT NULL DEFAULT '',"
    "  phone_other            TEXT NOT NULL DEFAULT '',"
    "  email                  TEXT NOT NULL DEFAULT '',"
    "  address_line1          TEXT NOT NULL DEFAULT '',"
    "  address_line2          TEXT NOT NULL DEFAULT '',"
    "  city                   TEXT NOT NULL DEFAULT '',"
    "  region                 TEXT NOT NULL DEFAULT '',"
    "  postcode               TEXT NOT NULL DEFAULT '',"
    "  emergency_name         TEXT NOT NULL DEFAULT '',"
    "  emergency_relationship TEXT NOT NULL DEFAULT '',"
    "  emergency_phone        TEXT NOT NULL DEFAULT '',"
    "  referrer_name          TEXT NOT NULL DEFAULT '',"
    "  referrer_practice      TEXT NOT NULL DEFAULT '',"
    "  referrer_phone         TEXT NOT NULL DEFAULT '',"
    "  referrer_email         TEXT NOT NULL DEFAULT '',"
    "  indications            TEXT NOT NULL DEFAULT '',"
    "  allergies              TEXT NOT NULL DEFAULT '',"
    "  note                   TEXT NOT NULL DEFAULT '',"
    "  archived               INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
    "  sort_name              TEXT NOT NULL,"
    "  name_key               TEXT NOT NULL,"
    "  created_at             TEXT NOT NULL,"
    "  updated_at             TEXT NOT NULL"
    ");"
    /* Counting (from the rowids of the matches, without reading rows),
     * and the list's orders, each with the archived flag so that a page
     * is found from the index alone. */
    "CREATE INDEX patient_archived ON patient (archived);"
    "CREATE INDEX patient_sort_name ON patient (sort_name, mrn, archived);"
    "CREATE INDEX patient_date_of_birth ON patient (date_of_birth, sort_name, mrn, archived);"
    "CREATE INDEX patient_updated_at ON patient (updated_at, mrn, archived);"
    "CREATE INDEX patient_name_key ON patient (name_key, date_of_birth);"
    /* What search looks up (see tonic-store-patients-private.h for the
     * kinds of terms): prefix ranges of term, from the index alone. */
    "CREATE TABLE patient_search_term ("
    "  id         INTEGER PRIMARY KEY,"
    "  patient_id INTEGER NOT NULL REFERENCES patient (id),"
    "  term       TEXT NOT NULL"
    ");"
    "CREATE INDEX patient_search_term_term ON patient_search_term (term, patient_id);"
    "CREATE INDEX patient_search_term_patient_id ON patient_search_term (patient_id);"
    /* Current medications, replaced as a whole; classes as in
     * tonic_drug_class_format_mask(). POSITION is reserved in SQL-92. */
    "CREATE TABLE medication ("
    "  id            INTEGER PRIMARY KEY,"
    "  uuid          TEXT NOT NULL UNIQUE,"
    "  patient_id    INTEGER NOT NULL REFERENCES patient (id),"
    "  name          TEXT NOT NULL,"
    "  dose          TEXT NOT NULL DEFAULT '',"
    "  classes       TEXT NOT NULL DEFAULT '',"
    "  list_position INTEGER NOT NULL,"
    "  created_at    TEXT NOT NULL"
    ");"
    "CREATE INDEX medication_patient_id ON medication (patient_id, list_position);"
    "CREATE TABLE weight ("
    "  id          INTEGER PRIMARY KEY,"
    "  uuid        TEXT NOT NULL UNIQUE,"
    "  patient_id  INTEGER NOT NULL REFERENCES patient (id),"
    "  kilograms   REAL NOT NULL CHECK (kilograms >= 2 AND kilograms <= 400),"
    "  measured_at TEXT NOT NULL,"
    "  staff_id    INTEGER NOT NULL REFERENCES staff (id),"
    "  created_at  TEXT NOT NULL"
    ");"
    "CREATE INDEX weight_patient_id ON weight (patient_id, measured_at);"
    /* Appointments (tonic-store-appointments.c). end_at = start_at +
     * minutes, kept so that overlaps are found with plain comparisons of
     * UTC ISO-8601 text. TYPE is a keyword in later SQL, hence
     * appointment_type. */
    "CREATE TABLE appointment ("
    "  id                 INTEGER PRIMARY KEY,"
    "  uuid               TEXT NOT NULL UNIQUE,"
    "  patient_id         INTEGER NOT NULL REFERENCES patient (id),"
    "  appointment_type   TEXT NOT NULL CHECK (appointment_type IN ('iv-infusion',"
    "                     'im-injection', 'esketamine', 'consultation', 'follow-up')),"
    "  chair              INTEGER NOT NULL CHECK (chair >= 1),"
    "  staff_id           INTEGER NULL REFERENCES staff (id),"
    "  start_at           TEXT NOT NULL,"
    "  end_at             TEXT NOT NULL,"
    "  minutes            INTEGER NOT NULL CHECK (minutes > 0),"
    "  state              TEXT NOT NULL CHECK (state IN ('scheduled', 'arrived', 'in-chair',"
    "                     'recovery', 'discharged', 'no-show', 'cancelled')),"
    "  state_changed_at   TEXT NULL,"
    "  note               TEXT NOT NULL DEFAULT '',"
    "  arrived_at         TEXT NULL,"
    "  in_chair_at        TEXT NULL,"
    "  recovery_at        TEXT NULL,"
    "  discharged_at      TEXT NULL,"
    "  identity_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (identity_confirmed IN (0, 1)),"
    "  driver_confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (driver_confirmed IN (0, 1)),"
    "  fasting_confirmed  INTEGER NOT NULL DEFAULT 0 CHECK (fasting_confirmed IN (0, 1)),"
    "  created_at         TEXT NOT NULL,"
    "  updated_at         TEXT NOT NULL"
    ");"
    "CREATE INDEX appointment_start_at ON appointment (start_at);"
    "CREATE INDEX appointment_patient_start ON appointment (patient_id, start_at);"
  },
  {
    4,
    /* Treatment plans and sessions (tonic-store-plans.c,
     * tonic-store-sessions.c). A course groups the versions of one plan;
     * a version is a draft until signed and never changes after. Sessions
     * follow the course's signed plan; a signed session, its vitals and
     * scores never change, and amendments only ever get added. Encoded
     * fields: sets as the comma-separated ids of the core's format_mask /
     * format_set functions, screening / thresholds / schedule as the
     * core's key=value;… forms, answers as tonic_instrument_format_answers().
     * Times are UTC ISO-8601, dates YYYY-MM-DD. The triggers hold on any
     * connection, whatever SQL it runs. */
    "CREATE TABLE course ("
    "  id            INTEGER PRIMARY KEY,"
    "  uuid          TEXT NOT NULL UNIQUE,"
    "  patient_id    INTEGER NOT NULL REFERENCES patient (id),"
    "  created_at    TEXT NOT NULL,"
    "  ended_at      TEXT NULL,"
    "  ended_by      INTEGER NULL REFERENCES staff (id),"
    "  end_reason    TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE INDEX course_patient_id ON course (patient_id);"
    "CREATE TRIGGER course_end_once BEFORE UPDATE ON course"
    " WHEN OLD.ended_at IS NOT NULL"
    " BEGIN SELECT RAISE(ABORT, 'an ended course cannot be changed'); END;"
    "CREATE TRIGGER course_no_delete BEFORE DELETE ON course"
    " BEGIN SELECT RAISE(ABORT, 'courses are never deleted'); END;"

    "CREATE TABLE plan ("
    "  id                      INTEGER PRIMARY KEY,"
    "  uuid                    TEXT NOT NULL UNIQUE,"
    "  patient_id              INTEGER NOT NULL REFERENCES patient (id),"
    "  course_id               INTEGER NOT NULL REFERENCES course (id),"
    "  version                 INTEGER NOT NULL CHECK (version >= 1),"
    "  status                  TEXT NOT NULL CHECK (status IN ('draft', 'signed')),"
    "  protocol                TEXT NOT NULL,"
    "  indications             TEXT NOT NULL DEFAULT '',"
    "  measures                TEXT NOT NULL DEFAULT '',"
    "  induction_count         INTEGER NOT NULL,"
    "  induction_weeks         INTEGER NOT NULL,"
    "  maintenance_min_weeks   INTEGER NOT NULL,"
    "  maintenance_max_weeks   INTEGER NOT NULL,"
    "  route                   TEXT NOT NULL CHECK (route IN ('iv', 'im', 'nasal')),"
    "  dose_mode               TEXT NOT NULL CHECK (dose_mode IN ('per-kg', 'fixed')),"
    "  dose                    REAL NOT NULL,"
    "  titration_min           REAL NOT NULL DEFAULT 0,"
    "  titration_max           REAL NOT NULL DEFAULT 0,"
    "  max_dose_mg             REAL NOT NULL DEFAULT 0,"
    "  infusion_minutes        INTEGER NOT NULL DEFAULT 0,"
    "  bag_ml                  REAL NOT NULL DEFAULT 0,"
    "  concentration_mg_per_ml REAL NOT NULL DEFAULT 0,"
    "  weight_max_age_days     INTEGER NOT NULL,"
    "  vitals_schedule         TEXT NOT NULL,"
    "  thresholds              TEXT NOT NULL,"
    "  screening               TEXT NOT NULL DEFAULT '',"
    "  override_reason         TEXT NOT NULL DEFAULT '',"
    "  consent_date            TEXT NOT NULL DEFAULT '',"
    "  goals                   TEXT NOT NULL DEFAULT '',"
    "  change_note             TEXT NOT NULL DEFAULT '',"
    "  changed_fields          INTEGER NOT NULL DEFAULT 0,"
    "  created_at              TEXT NOT NULL,"
    "  created_by              INTEGER NULL REFERENCES staff (id),"
    "  signed_at               TEXT NULL,"
    "  signed_by               INTEGER NULL REFERENCES staff (id),"
    "  UNIQUE (course_id, version),"
    "  CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL))"
    ");"
    "CREATE INDEX plan_patient_id ON plan (patient_id, course_id, version);"
    /* At most one draft per course. */
    "CREATE UNIQUE INDEX plan_one_draft ON plan (course_id) WHERE status = 'draft';"
    "CREATE TRIGGER plan_signed_no_update BEFORE UPDATE ON plan"
    " WHEN OLD.status = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed plan cannot be changed'); END;"
    "CREATE TRIGGER plan_signed_no_delete BEFORE DELETE ON plan"
    " WHEN OLD.status = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed plan cannot be deleted'); END;"

    "CREATE TABLE session ("
    "  id                      INTEGER PRIMARY KEY,"
    "  uuid                    TEXT NOT NULL UNIQUE,"
    "  patient_id              INTEGER NOT NULL REFERENCES patient (id),"
    "  course_id               INTEGER NOT NULL REFERENCES course (id),"
    "  plan_id                 INTEGER NOT NULL REFERENCES plan (id),"
    "  appointment_id          INTEGER NULL REFERENCES appointment (id),"
    "  status                  TEXT NOT NULL CHECK (status IN ('draft', 'signed')),"
    "  number                  INTEGER NOT NULL CHECK (number >= 1),"
    "  checked_in_at           TEXT NOT NULL DEFAULT '',"
    "  fasting                 INTEGER NOT NULL DEFAULT 0 CHECK (fasting IN (0, 1)),"
    "  driver                  INTEGER NOT NULL DEFAULT 0 CHECK (driver IN (0, 1)),"
    "  consent_current         INTEGER NOT NULL DEFAULT 0 CHECK (consent_current IN (0, 1)),"
    "  rems_enrolled           INTEGER NOT NULL DEFAULT 0 CHECK (rems_enrolled IN (0, 1)),"
    "  weight_kg               REAL NOT NULL DEFAULT 0,"
    "  weight_measured_at      TEXT NOT NULL DEFAULT '',"
    "  route                   TEXT NOT NULL CHECK (route IN ('iv', 'im', 'nasal')),"
    "  dose_mode               TEXT NOT NULL CHECK (dose_mode IN ('per-kg', 'fixed')),"
    "  dose                    REAL NOT NULL DEFAULT 0,"
    "  calculated_mg           REAL NOT NULL DEFAULT 0,"
    "  given_mg                REAL NOT NULL DEFAULT 0,"
    "  bag_ml                  REAL NOT NULL DEFAULT 0,"
    "  concentration_mg_per_ml REAL NOT NULL DEFAULT 0,"
    "  volume_ml               REAL NOT NULL DEFAULT 0,"
    "  rate_ml_per_hour        REAL NOT NULL DEFAULT 0,"
    "  infusion_minutes        INTEGER NOT NULL DEFAULT 0,"
    "  change_reason           TEXT NOT NULL DEFAULT '',"
    "  lot_number              TEXT NOT NULL DEFAULT '',"
    "  checked_by              INTEGER NULL REFERENCES staff (id),"
    "  started_at              TEXT NOT NULL DEFAULT '',"
    "  ended_at                TEXT NOT NULL DEFAULT '',"
    "  side_effects            TEXT NOT NULL DEFAULT '',"
    "  side_effects_other      TEXT NOT NULL DEFAULT '',"
    "  serious_adverse_event   TEXT NOT NULL DEFAULT '',"
    "  comedications           TEXT NOT NULL DEFAULT '',"
    "  observation_minutes     INTEGER NOT NULL DEFAULT 0,"
    "  aldrete_activity        INTEGER NOT NULL DEFAULT -1,"
    "  aldrete_respiration     INTEGER NOT NULL DEFAULT -1,"
    "  aldrete_circulation     INTEGER NOT NULL DEFAULT -1,"
    "  aldrete_consciousness   INTEGER NOT NULL DEFAULT -1,"
    "  aldrete_spo2            INTEGER NOT NULL DEFAULT -1,"
    "  ready_at                TEXT NOT NULL DEFAULT '',"
    "  driver_name             TEXT NOT NULL DEFAULT '',"
    "  note                    TEXT NOT NULL DEFAULT '',"
    "  created_at              TEXT NOT NULL,"
    "  created_by              INTEGER NULL REFERENCES staff (id),"
    "  updated_at              TEXT NOT NULL,"
    "  signed_at               TEXT NULL,"
    "  signed_by               INTEGER NULL REFERENCES staff (id),"
    "  UNIQUE (course_id, number),"
    "  CHECK ((status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL))"
    ");"
    "CREATE INDEX session_patient_id ON session (patient_id, course_id, number);"
    "CREATE UNIQUE INDEX session_appointment_id ON session (appointment_id)"
    " WHERE appointment_id IS NOT NULL;"
    "CREATE TRIGGER session_signed_no_update BEFORE UPDATE ON session"
    " WHEN OLD.status = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed: add an amendment'); END;"
    "CREATE TRIGGER session_signed_no_delete BEFORE DELETE ON session"
    " WHEN OLD.status = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be deleted'); END;"

    "CREATE TABLE session_vitals ("
    "  id                INTEGER PRIMARY KEY,"
    "  session_id        INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
    "  taken_at          TEXT NOT NULL,"
    "  minute            INTEGER NOT NULL,"
    "  phase             TEXT NOT NULL CHECK (phase IN ('pre', 'during', 'recovery')),"
    "  systolic          INTEGER NOT NULL DEFAULT 0,"
    "  diastolic         INTEGER NOT NULL DEFAULT 0,"
    "  heart_rate        INTEGER NOT NULL DEFAULT 0,"
    "  spo2              INTEGER NOT NULL DEFAULT 0,"
    "  respiratory_rate  INTEGER NOT NULL DEFAULT 0,"
    "  level             TEXT NOT NULL CHECK (level IN ('normal', 'warning', 'alarm')),"
    "  alert_text        TEXT NOT NULL DEFAULT '',"
    "  action            TEXT NOT NULL DEFAULT 'none'"
    "                    CHECK (action IN ('none', 'continue', 'pause', 'slow', 'stop')),"
    "  action_note       TEXT NOT NULL DEFAULT '',"
    "  acknowledged_by   INTEGER NULL REFERENCES staff (id),"
    "  acknowledged_at   TEXT NULL,"
    "  recorded_by       INTEGER NULL REFERENCES staff (id)"
    ");"
    "CREATE INDEX session_vitals_session_id ON session_vitals (session_id, taken_at);"

    "CREATE TABLE session_score ("
    "  id                INTEGER PRIMARY KEY,"
    "  session_id        INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
    "  patient_id        INTEGER NOT NULL REFERENCES patient (id),"
    "  course_id         INTEGER NOT NULL REFERENCES course (id),"
    "  instrument        TEXT NOT NULL,"
    "  timing            TEXT NOT NULL CHECK (timing IN ('pre', 'post')),"
    "  answers           TEXT NOT NULL,"
    "  total             REAL NOT NULL,"
    "  band              INTEGER NOT NULL DEFAULT 0,"
    "  safety            TEXT NOT NULL DEFAULT 'none',"
    "  scored_at         TEXT NOT NULL,"
    "  recorded_by       INTEGER NULL REFERENCES staff (id),"
    "  acknowledged_by   INTEGER NULL REFERENCES staff (id),"
    "  acknowledged_at   TEXT NULL,"
    "  acknowledgement   TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (session_id, instrument, timing)"
    ");"
    "CREATE INDEX session_score_course ON session_score (course_id, instrument, scored_at);"
    "CREATE INDEX session_score_patient ON session_score (patient_id, scored_at);"

    /* The vitals and scores of a signed session are as final as it is. A
     * row may be inserted, changed or removed only while its session is a
     * draft; the cascade of a draft's deletion passes, a signed session
     * cannot be deleted at all. */
    "CREATE TRIGGER session_vitals_signed_no_insert BEFORE INSERT ON session_vitals"
    " WHEN (SELECT status FROM session WHERE id = NEW.session_id) = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed: add an amendment'); END;"
    "CREATE TRIGGER session_vitals_signed_no_update BEFORE UPDATE ON session_vitals"
    " WHEN (SELECT status FROM session WHERE id = OLD.session_id) = 'signed'"
    "   OR (SELECT status FROM session WHERE id = NEW.session_id) = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed: add an amendment'); END;"
    "CREATE TRIGGER session_vitals_signed_no_delete BEFORE DELETE ON session_vitals"
    " WHEN (SELECT status FROM session WHERE id = OLD.session_id) = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed: add an amendment'); END;"
    "CREATE TRIGGER session_score_signed_no_insert BEFORE INSERT ON session_score"
    " WHEN (SELECT status FROM session WHERE id = NEW.session_id) = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed: add an amendment'); END;"
    "CREATE TRIGGER session_score_signed_no_update BEFORE UPDATE ON session_score"
    " WHEN (SELECT status FROM session WHERE id = OLD.session_id) = 'signed'"
    "   OR (SELECT status FROM session WHERE id = NEW.session_id) = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed: add an amendment'); END;"
    "CREATE TRIGGER session_score_signed_no_delete BEFORE DELETE ON session_score"
    " WHEN (SELECT status FROM session WHERE id = OLD.session_id) = 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'a signed session cannot be changed: add an amendment'); END;"

    "CREATE TABLE session_amendment ("
    "  id                INTEGER PRIMARY KEY,"
    "  session_id        INTEGER NOT NULL REFERENCES session (id),"
    "  text              TEXT NOT NULL,"
    "  created_at        TEXT NOT NULL,"
    "  created_by        INTEGER NOT NULL REFERENCES staff (id)"
    ");"
    "CREATE INDEX session_amendment_session_id ON session_amendment (session_id, id);"
    "CREATE TRIGGER session_amendment_signed_only BEFORE INSERT ON session_amendment"
    " WHEN COALESCE ((SELECT status FROM session WHERE id = NEW.session_id), '') <> 'signed'"
    " BEGIN SELECT RAISE(ABORT, 'only a signed session is amended'); END;"
    "CREATE TRIGGER session_amendment_no_update BEFORE UPDATE ON session_amendment"
    " BEGIN SELECT RAISE(ABORT, 'amendments cannot be changed'); END;"
    "CREATE TRIGGER session_amendment_no_delete BEFORE DELETE ON session_amendment"
    " BEGIN SELECT RAISE(ABORT, 'amendments cannot be deleted'); END;"

    /* Where each patient is in their course, kept by the store for the
     * list's filters and flags: phase (tonic_course_phase_to_string()),
     * the date the plan's primary measure is next due ('' when none), and
     * whether a safety flag waits for a clinician. */
    "ALTER TABLE patient ADD COLUMN course_phase TEXT NOT NULL DEFAULT 'none';"
    "ALTER TABLE patient ADD COLUMN scale_due_on TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE patient ADD COLUMN safety_alert INTEGER NOT NULL DEFAULT 0"
    " CHECK (safety_alert IN (0, 1));"
    "CREATE INDEX patient_course_phase ON patient (course_phase, sort_name, mrn, archived);"
    "CREATE INDEX patient_scale_due_on ON patient (scale_due_on) WHERE scale_due_on <> '';"
    "CREATE INDEX patient_safety_alert ON patient (safety_alert) WHERE safety_alert = 1;"
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (builtin_migrations) == TONIC_STORE_SCHEMA_VERSION);

static GMutex                     migrations_lock;
static const TonicStoreMigration *test_migrations;
static guint                      n_test_migrations;

static void
get_migrations (const TonicStoreMigration **migrations,
                guint                      *n_migrations)
{
  g_mutex_lock (&migrations_lock);

  if (test_migrations != NULL)
    {
      *migrations = test_migrations;
      *n_migrations = n_test_migrations;
    }
  else
    {
      *migrations = builtin_migrations;
      *n_migrations = G_N_ELEMENTS (builtin_migrations);
    }

  g_mutex_unlock (&migrations_lock);
}

static gboolean
read_user_version (sqlite3  *db,
                   int      *version,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the database’s version"));
      return FALSE;
    }

  *version = sqlite3_column_int (stmt, 0);

  return TRUE;
}

static gboolean
apply_migration (sqlite3                    *db,
                 const TonicStoreMigration  *migration,
                 GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bump = NULL;

  /* An integer from the table above, not a value from outside. */
  bump = g_strdup_printf ("PRAGMA user_version = %d", migration->version);

  if (!_tonic_store_begin (db, &local_error))
    goto failed;

  if (!_tonic_store_exec (db, migration->sql, &local_error) ||
      !_tonic_store_exec (db, bump, &local_error))
    {
      _tonic_store_rollback (db);
      goto failed;
    }

  if (!_tonic_store_commit (db, &local_error))
    goto failed;

  g_debug ("Database upgraded to schema version %d", migration->version);

  return TRUE;

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                              _("Could not upgrade the database to version %d: "),
                              migration->version);
  return FALSE;
}

int
_tonic_store_schema_target_version (void)
{
  const TonicStoreMigration *migrations;
  guint n_migrations;

  get_migrations (&migrations, &n_migrations);

  return n_migrations > 0 ? migrations[n_migrations - 1].version : 0;
}

gboolean
_tonic_store_check_version (int       version,
                            GError  **error)
{
  int target = _tonic_store_schema_target_version ();

  if (version > target)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FROM_NEWER_VERSION,
                   _("This practice was saved by a newer version of Tonic "
                     "(database version %d; this version reads up to %d). "
                     "Update Tonic to open it."),
                   version, target);
      return FALSE;
    }

  if (version < 0)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                   _("The database file is damaged (its version is %d)"), version);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_migrate (sqlite3  *db,
                      int      *version,
                      GError  **error)
{
  const TonicStoreMigration *migrations;
  guint n_migrations;
  int current;

  g_assert (db != NULL);
  g_assert (version != NULL);

  get_migrations (&migrations, &n_migrations);

  if (!read_user_version (db, &current, error))
    return FALSE;

  *version = current;

  if (!_tonic_store_check_version (current, error))
    return FALSE;

  for (guint i = 0; i < n_migrations; i++)
    {
      const TonicStoreMigration *migration = &migrations[i];

      if (migration->version <= current)
        continue;

      if (migration->version != current + 1)
        {
          g_critical ("Migration to schema version %d follows version %d",
                      migration->version, current);
          g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FAILED,
                       _("Could not upgrade the database to version %d: "
                         "a step is missing"),
                       migration->version);
          return FALSE;
        }

      if (!apply_migration (db, migration, error))
        return FALSE;

      current = migration->version;
      *version = current;
    }

  return TRUE;
}

void
_tonic_store_set_migrations_for_testing (const TonicStoreMigration *migrations,
                                         guint                      n_migrations)
{
  g_return_if_fail (migrations != NULL || n_migrations == 0);

  g_mutex_lock (&migrations_lock);
  test_migrations = migrations;
  n_test_migrations = migrations != NULL ? n_migrations : 0;
  g_mutex_unlock (&migrations_lock);
}
