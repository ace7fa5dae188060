/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-store-clinical-private.h"
#include "tonic-text.h"
#include "tonic-time.h"

/* Treatment plans (tonic-store-clinical.h): courses, the versions of their
 * plan, and the patient's derived course fields. A course row groups the
 * versions; a version is a draft until it is signed, and the database
 * refuses any change to a signed one (migration 4's triggers). At most one
 * draft per course (a unique partial index). */

typedef struct
{
  gint64     id;          /* a plan version or a course */
  TonicPlan *plan;        /* saving */
  char      *reason;      /* ending a course */
} PlanData;

/* The stored status of a version: SUPERSEDED and ENDED are derived. */
#define STATUS_DRAFT  "draft"
#define STATUS_SIGNED "signed"

/* The columns a draft's form writes, in the order of bind_plan_fields(). */
#define PLAN_FORM_COLUMNS \
  "protocol, indications, measures, induction_count, induction_weeks," \
  " maintenance_min_weeks, maintenance_max_weeks, route, dose_mode, dose, titration_min," \
  " titration_max, max_dose_mg, infusion_minutes, bag_ml, concentration_mg_per_ml," \
  " weight_max_age_days, vitals_schedule, thresholds, screening, override_reason," \
  " consent_date, goals, change_note"
#define N_PLAN_FORM_COLUMNS 24

#define PLAN_COLUMNS \
  "p.id, p.patient_id, p.course_id, p.version, p.status, p.protocol, p.indications," \
  " p.measures, p.induction_count, p.induction_weeks, p.maintenance_min_weeks," \
  " p.maintenance_max_weeks, p.route, p.dose_mode, p.dose, p.titration_min, p.titration_max," \
  " p.max_dose_mg, p.infusion_minutes, p.bag_ml, p.concentration_mg_per_ml," \
  " p.weight_max_age_days, p.vitals_schedule, p.thresholds, p.screening, p.override_reason," \
  " p.consent_date, p.goals, p.change_note, p.changed_fields, p.created_at, p.created_by," \
  " cs.display_name, p.signed_at, p.signed_by, ss.display_name," \
  " c.ended_at IS NOT NULL," \
  " EXISTS (SELECT 1 FROM plan n WHERE n.course_id = p.course_id" \
  "         AND n.status = '" STATUS_SIGNED "' AND n.version > p.version)"
#define PLAN_FROM \
  " FROM plan p JOIN course c ON c.id = p.course_id" \
  " LEFT JOIN staff cs ON cs.id = p.created_by" \
  " LEFT JOIN staff ss ON ss.id = p.signed_by"

/* -- Helpers ------------------------------------------------------------------ */

static void
plan_data_free (gpointer data)
{
  PlanData *request = data;

  g_clear_pointer (&request->plan, tonic_plan_free);
  g_free (request->reason);
  g_free (request);
}

static void
set_corrupt (GError **error)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                       _("The database file is damaged: a treatment plan cannot be read"));
}

/* Column @col as a new string, or NULL when it is NULL or empty. */
static char *
dup_text_or_null (sqlite3_stmt *stmt,
                  int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* The local date ("YYYY-MM-DD") of a stored UTC moment; NULL when it is
 * not one. */
static char *
local_date_of (const char *utc)
{
  g_autoptr(GDateTime) time = utc != NULL ? tonic_time_parse_utc (utc) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d");
}

/* The texts of @plan stripped, as stored; "" and NULL alike become NULL. */
static void
normalize_plan (TonicPlan *plan)
{
  char **texts[] = {
    &plan->override_reason, &plan->consent_date, &plan->goals, &plan->change_note,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      char *stripped = tonic_text_strip (*texts[i]);

      g_free (*texts[i]);
      if (stripped != NULL && *stripped == '\0')
        g_clear_pointer (&stripped, g_free);
      *texts[i] = stripped;
    }
}

static const char *
empty_if_null (const char *text)
{
  return text != NULL ? text : "";
}

/* Binds the form's fields of @plan to parameters 1 … N_PLAN_FORM_COLUMNS,
 * in the order of PLAN_FORM_COLUMNS. */
static gboolean
bind_plan_fields (sqlite3          *db,
                  sqlite3_stmt     *stmt,
                  const TonicPlan  *plan,
                  GError          **error)
{
  g_autofree char *indications = tonic_indication_format_mask (plan->indications);
  g_autofree char *measures = tonic_instrument_format_set (plan->measures);
  g_autofree char *schedule = tonic_vitals_schedule_format (&plan->vitals_schedule);
  g_autofree char *thresholds = tonic_vitals_thresholds_format (&plan->thresholds);
  g_autofree char *screening = tonic_plan_format_screening (plan->screening);

  return _tonic_store_bind_text (db, stmt, 1, tonic_protocol_to_string (plan->protocol), error) &&
         _tonic_store_bind_text (db, stmt, 2, indications, error) &&
         _tonic_store_bind_text (db, stmt, 3, measures, error) &&
         _tonic_store_bind_int64 (db, stmt, 4, plan->induction_count, error) &&
         _tonic_store_bind_int64 (db, stmt, 5, plan->induction_weeks, error) &&
         _tonic_store_bind_int64 (db, stmt, 6, plan->maintenance_min_weeks, error) &&
         _tonic_store_bind_int64 (db, stmt, 7, plan->maintenance_max_weeks, error) &&
         _tonic_store_bind_text (db, stmt, 8, tonic_route_to_string (plan->route), error) &&
         _tonic_store_bind_text (db, stmt, 9, tonic_dose_mode_to_string (plan->dose_mode), error) &&
         _tonic_store_bind_double (db, stmt, 10, plan->dose, error) &&
         _tonic_store_bind_double (db, stmt, 11, plan->titration_min, error) &&
         _tonic_store_bind_double (db, stmt, 12, plan->titration_max, error) &&
         _tonic_store_bind_double (db, stmt, 13, plan->max_dose_mg, error) &&
         _tonic_store_bind_int64 (db, stmt, 14, plan->infusion_minutes, error) &&
         _tonic_store_bind_double (db, stmt, 15, plan->bag_ml, error) &&
         _tonic_store_bind_double (db, stmt, 16, plan->concentration_mg_per_ml, error) &&
         _tonic_store_bind_int64 (db, stmt, 17, plan->weight_max_age_days, error) &&
         _tonic_store_bind_text (db, stmt, 18, schedule, error) &&
         _tonic_store_bind_text (db, stmt, 19, thresholds, error) &&
         _tonic_store_bind_text (db, stmt, 20, screening, error) &&
         _tonic_store_bind_text (db, stmt, 21, empty_if_null (plan->override_reason), error) &&
         _tonic_store_bind_text (db, stmt, 22, empty_if_null (plan->consent_date), error) &&
         _tonic_store_bind_text (db, stmt, 23, empty_if_null (plan->goals), error) &&
         _tonic_store_bind_text (db, stmt, 24, empty_if_null (plan->change_note), error);
}

static TonicPlan *
plan_from_row (sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(TonicPlan) plan = g_new0 (TonicPlan, 1);
  const char *status = (const char *) sqlite3_column_text (stmt, 4);

  plan->id = sqlite3_column_int64 (stmt, 0);
  plan->patient_id = sqlite3_column_int64 (stmt, 1);
  plan->course_id = sqlite3_column_int64 (stmt, 2);
  plan->version = sqlite3_column_int (stmt, 3);

  if (g_strcmp0 (status, STATUS_DRAFT) == 0)
    plan->status = TONIC_PLAN_STATUS_DRAFT;
  else if (g_strcmp0 (status, STATUS_SIGNED) != 0)
    {
      set_corrupt (error);
      return NULL;
    }
  else if (sqlite3_column_int (stmt, 37) != 0)
    plan->status = TONIC_PLAN_STATUS_SUPERSEDED;
  else if (sqlite3_column_int (stmt, 36) != 0)
    plan->status = TONIC_PLAN_STATUS_ENDED;
  else
    plan->status = TONIC_PLAN_STATUS_SIGNED;

  /* Sets: ids a newer Tonic added are left out, as for a patient's
   * indications. */
  tonic_indication_parse_mask ((const char *) sqlite3_column_text (stmt, 6), &plan->indications);
  tonic_instrument_parse_set ((const char *) sqlite3_column_text (stmt, 7), &plan->measures);

  if (!tonic_protocol_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                   &plan->protocol) ||
      !tonic_route_from_string ((const char *) sqlite3_column_text (stmt, 12), &plan->route) ||
      !tonic_dose_mode_from_string ((const char *) sqlite3_column_text (stmt, 13),
                                    &plan->dose_mode) ||
      !tonic_vitals_schedule_parse ((const char *) sqlite3_column_text (stmt, 22),
                                    &plan->vitals_schedule) ||
      !tonic_vitals_thresholds_parse ((const char *) sqlite3_column_text (stmt, 23),
                                      &plan->thresholds) ||
      !tonic_plan_parse_screening ((const char *) sqlite3_column_text (stmt, 24),
                                   plan->screening))
    {
      set_corrupt (error);
      return NULL;
    }

  plan->induction_count = sqlite3_column_int (stmt, 8);
  plan->induction_weeks = sqlite3_column_int (stmt, 9);
  plan->maintenance_min_weeks = sqlite3_column_int (stmt, 10);
  plan->maintenance_max_weeks = sqlite3_column_int (stmt, 11);
  plan->dose = sqlite3_column_double (stmt, 14);
  plan->titration_min = sqlite3_column_double (stmt, 15);
  plan->titration_max = sqlite3_column_double (stmt, 16);
  plan->max_dose_mg = sqlite3_column_double (stmt, 17);
  plan->infusion_minutes = sqlite3_column_int (stmt, 18);
  plan->bag_ml = sqlite3_column_double (stmt, 19);
  plan->concentration_mg_per_ml = sqlite3_column_double (stmt, 20);
  plan->weight_max_age_days = sqlite3_column_int (stmt, 21);
  plan->override_reason = dup_text_or_null (stmt, 25);
  plan->consent_date = dup_text_or_null (stmt, 26);
  plan->goals = dup_text_or_null (stmt, 27);
  plan->change_note = dup_text_or_null (stmt, 28);
  plan->changed_fields = (guint) sqlite3_column_int64 (stmt, 29);
  plan->created_at = dup_text_or_null (stmt, 30);
  plan->created_by = sqlite3_column_int64 (stmt, 31);
  plan->created_by_name = dup_text_or_null (stmt, 32);
  plan->signed_at = dup_text_or_null (stmt, 33);
  plan->signed_by = sqlite3_column_int64 (stmt, 34);
  plan->signed_by_name = dup_text_or_null (stmt, 35);

  return g_steal_pointer (&plan);
}

/* One row of @stmt (already bound) as a plan; @plan is NULL when there is
 * none. */
static gboolean
step_plan (sqlite3       *db,
           sqlite3_stmt  *stmt,
           TonicPlan    **plan,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  *plan = NULL;

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the treatment plans"));
      return FALSE;
    }

  *plan = plan_from_row (stmt, error);

  return *plan != NULL;
}

/* The id of a query's single integer result (0 when there is no row). */
static gboolean
query_id (sqlite3       *db,
          sqlite3_stmt  *stmt,
          gint64        *id,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  *id = 0;

  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the treatment plans"));
      return FALSE;
    }

  return TRUE;
}

/* The newest signed version of course @course_id, or NULL. */
static gboolean
read_last_signed (sqlite3     *db,
                  gint64       course_id,
                  TonicPlan  **plan,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tonic_store_prepare (db, "SELECT " PLAN_COLUMNS PLAN_FROM
                                   " WHERE p.course_id = ?1 AND p.status = '" STATUS_SIGNED "'"
                                   " ORDER BY p.version DESC LIMIT 1",
                               error);

  return stmt != NULL &&
         _tonic_store_bind_int64 (db, stmt, 1, course_id, error) &&
         step_plan (db, stmt, plan, error);
}

/* The draft of course @course_id (0: none). */
static gboolean
find_draft (sqlite3  *db,
            gint64    course_id,
            gint64   *draft_id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tonic_store_prepare (db, "SELECT id FROM plan"
                                   " WHERE course_id = ?1 AND status = '" STATUS_DRAFT "'",
                               error);

  return stmt != NULL &&
         _tonic_store_bind_int64 (db, stmt, 1, course_id, error) &&
         query_id (db, stmt, draft_id, error);
}

/* -- Internal API ---------------------------------------------------------- */

gboolean
_tonic_store_read_plan (sqlite3     *db,
                        gint64       plan_id,
                        TonicPlan  **plan,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *plan = NULL;

  stmt = _tonic_store_prepare (db, "SELECT " PLAN_COLUMNS PLAN_FROM " WHERE p.id = ?1", error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, plan_id, error) ||
      !step_plan (db, stmt, plan, error))
    return FALSE;

  if (*plan == NULL)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                           _("This treatment plan does not exist"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_read_active_plan (sqlite3     *db,
                               gint64       patient_id,
                               TonicPlan  **plan,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *plan = NULL;

  /* The newest signed version of the newest course still open: a
   * signed version of an open course is never ENDED, and the newest one
   * is not SUPERSEDED. */
  stmt = _tonic_store_prepare (db, "SELECT " PLAN_COLUMNS PLAN_FROM
                                   " WHERE p.patient_id = ?1 AND p.status = '" STATUS_SIGNED "'"
                                   "   AND c.ended_at IS NULL"
                                   " ORDER BY p.course_id DESC, p.version DESC LIMIT 1",
                               error);

  return stmt != NULL &&
         _tonic_store_bind_int64 (db, stmt, 1, patient_id, error) &&
         step_plan (db, stmt, plan, error);
}

gboolean
_tonic_store_read_course (sqlite3   *db,
                          gint64     course_id,
                          gint64    *patient_id,
                          gboolean  *ended,
                          GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT patient_id, ended_at IS NOT NULL FROM course"
                                   " WHERE id = ?1",
                               error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, course_id, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                           _("This course of treatment does not exist"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the treatment plans"));
      return FALSE;
    }

  if (patient_id != NULL)
    *patient_id = sqlite3_column_int64 (stmt, 0);
  if (ended != NULL)
    *ended = sqlite3_column_int (stmt, 1) != 0;

  return TRUE;
}

/* How many signed sessions course @course_id has. */
static gboolean
count_signed_sessions (sqlite3  *db,
                       gint64    patient_id,
                       gint64    course_id,
                       guint    *n_sessions,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 count = 0;

  /* patient_id too, for the session_patient_id index. */
  stmt = _tonic_store_prepare (db, "SELECT COUNT(*) FROM session"
                                   " WHERE patient_id = ?1 AND course_id = ?2"
                                   "   AND status = '" STATUS_SIGNED "'",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error) ||
      !_tonic_store_bind_int64 (db, stmt, 2, course_id, error) ||
      !query_id (db, stmt, &count, error))
    return FALSE;

  *n_sessions = (guint) count;

  return TRUE;
}

/* When the newest session of course @course_id that scored @instrument
 * took place (NULL: none did): the scale belongs to the session's day, not
 * to the moment its answers were typed in. */
static gboolean
read_last_scored_at (sqlite3     *db,
                     gint64       course_id,
                     int          instrument,
                     char       **scored_at,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *scored_at = NULL;

  stmt = _tonic_store_prepare (db,
                               "SELECT MAX(COALESCE(NULLIF(s.checked_in_at, ''),"
                               "                    NULLIF(s.started_at, ''), s.created_at))"
                               " FROM session_score c JOIN session s ON s.id = c.session_id"
                               " WHERE c.course_id = ?1 AND c.instrument = ?2",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, course_id, error) ||
      !_tonic_store_bind_text (db, stmt, 2, tonic_instrument_to_string (instrument), error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the rating scales"));
      return FALSE;
    }

  *scored_at = dup_text_or_null (stmt, 0);

  return TRUE;
}

/* Whether the patient has a signed version of a course that has ended. */
static gboolean
has_ended_course (sqlite3   *db,
                  gint64     patient_id,
                  gboolean  *ended,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 found = 0;

  stmt = _tonic_store_prepare (db, "SELECT 1 FROM plan p JOIN course c ON c.id = p.course_id"
                                   " WHERE p.patient_id = ?1 AND p.status = '" STATUS_SIGNED "'"
                                   "   AND c.ended_at IS NOT NULL LIMIT 1",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error) ||
      !query_id (db, stmt, &found, error))
    return FALSE;

  *ended = found != 0;

  return TRUE;
}

static gboolean
has_safety_alert (sqlite3   *db,
                  gint64     patient_id,
                  gboolean  *alert,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 found = 0;

  stmt = _tonic_store_prepare (db, "SELECT 1 FROM session_score"
                                   " WHERE patient_id = ?1 AND safety <> 'none'"
                                   "   AND acknowledged_by IS NULL LIMIT 1",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error) ||
      !query_id (db, stmt, &found, error))
    return FALSE;

  *alert = found != 0;

  return TRUE;
}

gboolean
_tonic_store_refresh_patient_course (TonicStore  *self,
                                     sqlite3     *db,
                                     gint64       patient_id,
                                     GError     **error)
{
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *due_on = NULL;
  TonicCoursePhase phase = TONIC_COURSE_PHASE_NONE;
  gboolean alert = FALSE;

  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);

  if (!_tonic_store_read_active_plan (db, patient_id, &plan, error))
    return FALSE;

  if (plan != NULL)
    {
      g_autofree char *last_scored_at = NULL;
      g_autofree char *last_scored_on = NULL;
      g_autofree char *signed_on = local_date_of (plan->signed_at);
      int primary = tonic_instrument_set_get_primary (plan->measures);
      guint n_sessions = 0;

      if (!count_signed_sessions (db, patient_id, plan->course_id, &n_sessions, error) ||
          (primary >= 0 &&
           !read_last_scored_at (db, plan->course_id, primary, &last_scored_at, error)))
        return FALSE;

      last_scored_on = local_date_of (last_scored_at);
      phase = tonic_course_get_phase (plan, n_sessions);
      if (primary >= 0)
        due_on = tonic_course_get_scale_due_on (plan, phase, signed_on, last_scored_on);
    }
  else
    {
      gboolean ended = FALSE;

      if (!has_ended_course (db, patient_id, &ended, error))
        return FALSE;
      if (ended)
        phase = TONIC_COURSE_PHASE_ENDED;
    }

  if (!has_safety_alert (db, patient_id, &alert, error))
    return FALSE;

  stmt = _tonic_store_prepare (db, "UPDATE patient SET course_phase = ?1, scale_due_on = ?2,"
                                   " safety_alert = ?3 WHERE id = ?4",
                               error);

  return stmt != NULL &&
         _tonic_store_bind_text (db, stmt, 1, tonic_course_phase_to_string (phase), error) &&
         _tonic_store_bind_text (db, stmt, 2, empty_if_null (due_on), error) &&
         _tonic_store_bind_int64 (db, stmt, 3, alert ? 1 : 0, error) &&
         _tonic_store_bind_int64 (db, stmt, 4, patient_id, error) &&
         _tonic_store_step_done (db, stmt, error);
}

/* -- Reading ------------------------------------------------------------------ */

static void
list_plans_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  PlanData *request = data;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_plan_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  TonicPlan *plan = NULL;

  if (!_tonic_store_require_clinical_read (self, db, request->id, "plans", &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stmt = _tonic_store_prepare (db, "SELECT " PLAN_COLUMNS PLAN_FROM
                                   " WHERE p.patient_id = ?1"
                                   " ORDER BY p.course_id DESC, p.version DESC",
                               &error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, request->id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  do
    {
      if (!step_plan (db, stmt, &plan, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (plan != NULL)
        g_ptr_array_add (plans, plan);
    }
  while (plan != NULL);

  g_task_return_pointer (task, g_steal_pointer (&plans), (GDestroyNotify) g_ptr_array_unref);
}

static void
get_plan_job (TonicStore *self,
              sqlite3    *db,
              GTask      *task,
              gpointer    data)
{
  PlanData *request = data;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gboolean emergency = FALSE;

  if (!_tonic_store_require (self, db, TONIC_ACTION_CLINICAL_VIEW, &emergency, &error) ||
      !_tonic_store_read_plan (db, request->id, &plan, &error) ||
      (emergency &&
       !_tonic_store_record_emergency_read (self, db, plan->patient_id, "plan", &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&plan), (GDestroyNotify) tonic_plan_free);
}

static void
get_active_plan_job (TonicStore *self,
                     sqlite3    *db,
                     GTask      *task,
                     gpointer    data)
{
  PlanData *request = data;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  if (!_tonic_store_require_clinical_read (self, db, request->id, "active plan", &error) ||
      !_tonic_store_read_active_plan (db, request->id, &plan, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&plan), (GDestroyNotify) tonic_plan_free);
}

/* -- Writing ------------------------------------------------------------------ */

typedef struct
{
  TonicStore *store;
  gint64      actor_id;
  PlanData   *request;
  TonicPlan  *result;
} PlanTxn;

static gboolean
refuse_ended (GError **error)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                       _("This course of treatment has ended: start a new course instead"));
  return FALSE;
}

gboolean
_tonic_store_append_record_audit (TonicStore      *self,
                                  sqlite3         *db,
                                  gint64           actor_id,
                                  const char      *action,
                                  gint64           patient_id,
                                  TonicRecordKind  kind,
                                  gint64           id,
                                  const char      *detail,
                                  gboolean         emergency,
                                  GError         **error)
{
  static const struct
  {
    const char *type;
    const char *sql;
  } kinds[] = {
    [TONIC_RECORD_COURSE] = { "course", "SELECT uuid FROM course WHERE id = ?1" },
    [TONIC_RECORD_PLAN] = { "plan", "SELECT uuid FROM plan WHERE id = ?1" },
    [TONIC_RECORD_SESSION] = { "session", "SELECT uuid FROM session WHERE id = ?1" },
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = NULL;
  int rc;

  g_assert ((guint) kind < G_N_ELEMENTS (kinds));

  stmt = _tonic_store_prepare (db, kinds[kind].sql, error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, id, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc, NULL);
      return FALSE;
    }
  uuid = _tonic_store_dup_text (stmt, 0);

  return _tonic_store_append_audit (self, db, actor_id, action, patient_id, kinds[kind].type,
                                    uuid, TONIC_AUDIT_OK, detail, emergency, error);
}

static gboolean
append_plan_audit (PlanTxn          *txn,
                   sqlite3          *db,
                   const char       *action,
                   gint64            patient_id,
                   TonicRecordKind   kind,
                   gint64            id,
                   const char       *detail,
                   GError          **error)
{
  return _tonic_store_append_record_audit (txn->store, db, txn->actor_id, action, patient_id,
                                           kind, id, detail, FALSE, error);
}

/* Inserts @plan as draft @version of course @course_id; @id gets its id. */
static gboolean
insert_draft (PlanTxn          *txn,
              sqlite3          *db,
              const TonicPlan  *plan,
              gint64            patient_id,
              gint64            course_id,
              int               version,
              gint64           *id,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = tonic_text_now_utc ();

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO plan (" PLAN_FORM_COLUMNS ", uuid, patient_id,"
                               "  course_id, version, status, created_at, created_by)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                               "         ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
                               "         ?24, ?25, ?26, ?27, ?28, '" STATUS_DRAFT "', ?29, ?30)",
                               error);
  if (stmt == NULL ||
      !bind_plan_fields (db, stmt, plan, error) ||
      !_tonic_store_bind_text (db, stmt, N_PLAN_FORM_COLUMNS + 1, uuid, error) ||
      !_tonic_store_bind_int64 (db, stmt, N_PLAN_FORM_COLUMNS + 2, patient_id, error) ||
      !_tonic_store_bind_int64 (db, stmt, N_PLAN_FORM_COLUMNS + 3, course_id, error) ||
      !_tonic_store_bind_int64 (db, stmt, N_PLAN_FORM_COLUMNS + 4, version, error) ||
      !_tonic_store_bind_text (db, stmt, N_PLAN_FORM_COLUMNS + 5, now, error) ||
      !_tonic_store_bind_id (db, stmt, N_PLAN_FORM_COLUMNS + 6, txn->actor_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (db);

  return TRUE;
}

static gboolean
create_course (sqlite3  *db,
               gint64    patient_id,
               gint64   *course_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = tonic_text_now_utc ();

  stmt = _tonic_store_prepare (db, "INSERT INTO course (uuid, patient_id, created_at)"
                                   " VALUES (?1, ?2, ?3)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, uuid, error) ||
      !_tonic_store_bind_int64 (db, stmt, 2, patient_id, error) ||
      !_tonic_store_bind_text (db, stmt, 3, now, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  *course_id = sqlite3_last_insert_rowid (db);

  return TRUE;
}

/* Plans are written only for a patient whose record is in use. */
static gboolean
require_current_patient (sqlite3  *db,
                         gint64    patient_id,
                         GError  **error)
{
  gboolean archived = FALSE;

  if (!_tonic_store_require_patient (db, patient_id, &archived, error))
    return FALSE;

  if (archived)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("This patient’s record is archived: restore it before writing a "
                             "treatment plan"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_plan (PlanTxn  *txn,
             sqlite3  *db,
             gint64   *id,
             GError  **error)
{
  const TonicPlan *plan = txn->request->plan;
  gint64 course_id = 0;

  return require_current_patient (db, plan->patient_id, error) &&
         create_course (db, plan->patient_id, &course_id, error) &&
         insert_draft (txn, db, plan, plan->patient_id, course_id, 1, id, error) &&
         append_plan_audit (txn, db, "plan.create", plan->patient_id, TONIC_RECORD_PLAN, *id,
                            NULL, error);
}

static gboolean
revise_plan (PlanTxn  *txn,
             sqlite3  *db,
             gint64   *id,
             GError  **error)
{
  const TonicPlan *plan = txn->request->plan;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *detail = NULL;
  gint64 patient_id = 0;
  gint64 draft_id = 0;
  gint64 last_version = 0;
  gboolean ended = FALSE;

  if (!_tonic_store_read_course (db, plan->course_id, &patient_id, &ended, error) ||
      !require_current_patient (db, patient_id, error))
    return FALSE;

  if (plan->patient_id != 0 && plan->patient_id != patient_id)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("This course of treatment belongs to another patient"));
      return FALSE;
    }
  if (ended)
    return refuse_ended (error);

  if (!find_draft (db, plan->course_id, &draft_id, error))
    return FALSE;
  if (draft_id != 0)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS,
                           _("This course already has a draft: edit or discard it first"));
      return FALSE;
    }

  stmt = _tonic_store_prepare (db, "SELECT MAX(version) FROM plan WHERE course_id = ?1", error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, plan->course_id, error) ||
      !query_id (db, stmt, &last_version, error))
    return FALSE;

  detail = g_strdup_printf ("version %" G_GINT64_FORMAT, last_version + 1);

  return insert_draft (txn, db, plan, patient_id, plan->course_id, (int) last_version + 1, id,
                       error) &&
         append_plan_audit (txn, db, "plan.revise", patient_id, TONIC_RECORD_PLAN, *id, detail,
                            error);
}

/* The ids of the fields in @fields, joined by ", ". */
static char *
describe_fields (guint    fields,
                 gboolean note_changed)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    if (fields & (1u << i))
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              tonic_plan_field_to_string (i));

  if (note_changed)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", "change-note");

  return g_string_free (names, FALSE);
}

static gboolean
edit_plan (PlanTxn  *txn,
           sqlite3  *db,
           GError  **error)
{
  const TonicPlan *plan = txn->request->plan;
  g_autoptr(TonicPlan) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *detail = NULL;
  gboolean ended = FALSE;
  gboolean note_changed;
  guint fields;

  if (!_tonic_store_read_plan (db, plan->id, &current, error))
    return FALSE;

  if (current->status != TONIC_PLAN_STATUS_DRAFT)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("Signed plans cannot be changed: revise it to make a new version"));
      return FALSE;
    }

  if (!_tonic_store_read_course (db, current->course_id, NULL, &ended, error) ||
      !require_current_patient (db, current->patient_id, error))
    return FALSE;
  if (ended)
    return refuse_ended (error);

  fields = tonic_plan_diff (current, plan);
  note_changed = g_strcmp0 (current->change_note, plan->change_note) != 0;
  if (fields == 0 && !note_changed)
    return TRUE;

  detail = describe_fields (fields, note_changed);
  stmt = _tonic_store_prepare (db,
                               "UPDATE plan SET protocol = ?1, indications = ?2, measures = ?3,"
                               " induction_count = ?4, induction_weeks = ?5,"
                               " maintenance_min_weeks = ?6, maintenance_max_weeks = ?7,"
                               " route = ?8, dose_mode = ?9, dose = ?10, titration_min = ?11,"
                               " titration_max = ?12, max_dose_mg = ?13, infusion_minutes = ?14,"
                               " bag_ml = ?15, concentration_mg_per_ml = ?16,"
                               " weight_max_age_days = ?17, vitals_schedule = ?18,"
                               " thresholds = ?19, screening = ?20, override_reason = ?21,"
                               " consent_date = ?22, goals = ?23, change_note = ?24"
                               " WHERE id = ?25 AND status = '" STATUS_DRAFT "'",
                               error);

  return stmt != NULL &&
         bind_plan_fields (db, stmt, plan, error) &&
         _tonic_store_bind_int64 (db, stmt, N_PLAN_FORM_COLUMNS + 1, plan->id, error) &&
         _tonic_store_step_done (db, stmt, error) &&
         append_plan_audit (txn, db, "plan.edit", current->patient_id, TONIC_RECORD_PLAN,
                            plan->id, detail, error);
}

static gboolean
save_plan_txn (sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  PlanTxn *txn = user_data;
  const TonicPlan *plan = txn->request->plan;
  gint64 id = plan->id;

  if (plan->id != 0)
    {
      if (!edit_plan (txn, db, error))
        return FALSE;
    }
  else if (plan->course_id != 0)
    {
      if (!revise_plan (txn, db, &id, error))
        return FALSE;
    }
  else if (!create_plan (txn, db, &id, error))
    return FALSE;

  return _tonic_store_read_plan (db, id, &txn->result, error);
}

/* The actor's id, after _tonic_store_require() allowed @action. */
static gboolean
require_writer (TonicStore   *self,
                sqlite3      *db,
                TonicAction   action,
                gint64       *actor_id,
                GError      **error)
{
  TonicStoreAccess access;

  if (!_tonic_store_require (self, db, action, NULL, error) ||
      !_tonic_store_read_access (self, db, &access, error))
    return FALSE;

  *actor_id = access.actor_id;

  return TRUE;
}

static void
save_plan_draft_job (TonicStore *self,
                     sqlite3    *db,
                     GTask      *task,
                     gpointer    data)
{
  PlanData *request = data;
  g_autoptr(GError) error = NULL;
  PlanTxn txn = { self, 0, request, NULL };

  if (!require_writer (self, db, TONIC_ACTION_PLAN_EDIT, &txn.actor_id, &error) ||
      _tonic_store_refuse_invalid (&error, tonic_plan_check (request->plan, NULL, NULL)) ||
      !_tonic_store_transaction (db, save_plan_txn, &txn, &error))
    {
      g_clear_pointer (&txn.result, tonic_plan_free);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, txn.result, (GDestroyNotify) tonic_plan_free);
}

static gboolean
discard_plan_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  PlanTxn *txn = user_data;
  g_autoptr(TonicPlan) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_tonic_store_read_plan (db, txn->request->id, &current, error))
    return FALSE;

  if (current->status != TONIC_PLAN_STATUS_DRAFT)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("A signed plan cannot be discarded: it stays in the record"));
      return FALSE;
    }

  stmt = _tonic_store_prepare (db, "DELETE FROM plan WHERE id = ?1 AND status = '" STATUS_DRAFT "'",
                               error);

  /* Named in the trail while the row is still there. */
  return stmt != NULL &&
         append_plan_audit (txn, db, "plan.discard", current->patient_id, TONIC_RECORD_PLAN,
                            current->id, NULL, error) &&
         _tonic_store_bind_int64 (db, stmt, 1, current->id, error) &&
         _tonic_store_step_done (db, stmt, error);
}

static void
discard_plan_draft_job (TonicStore *self,
                        sqlite3    *db,
                        GTask      *task,
                        gpointer    data)
{
  PlanData *request = data;
  g_autoptr(GError) error = NULL;
  PlanTxn txn = { self, 0, request, NULL };

  if (!require_writer (self, db, TONIC_ACTION_PLAN_EDIT, &txn.actor_id, &error) ||
      !_tonic_store_transaction (db, discard_plan_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static gboolean
sign_plan_txn (sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  PlanTxn *txn = user_data;
  g_autoptr(TonicPlan) draft = NULL;
  g_autoptr(TonicPlan) previous = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *detail = NULL;
  gboolean ended = FALSE;
  guint changed = 0;

  if (!_tonic_store_read_plan (db, txn->request->id, &draft, error))
    return FALSE;

  if (draft->status != TONIC_PLAN_STATUS_DRAFT)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("This plan version is already signed"));
      return FALSE;
    }

  if (!_tonic_store_read_course (db, draft->course_id, NULL, &ended, error) ||
      !require_current_patient (db, draft->patient_id, error))
    return FALSE;
  if (ended)
    return refuse_ended (error);

  if (_tonic_store_refuse_invalid (error, tonic_plan_check (draft, NULL, NULL)) ||
      _tonic_store_refuse_invalid (error, tonic_plan_check_signable (draft, NULL, NULL)))
    return FALSE;

  if (!read_last_signed (db, draft->course_id, &previous, error))
    return FALSE;
  if (previous != NULL)
    changed = tonic_plan_diff (previous, draft);

  detail = g_strdup_printf ("version %d%s", draft->version,
                            tonic_plan_get_blocking_items (draft) != 0 ? ", override" : "");

  stmt = _tonic_store_prepare (db, "UPDATE plan SET status = '" STATUS_SIGNED "',"
                                   " signed_at = ?1, signed_by = ?2, changed_fields = ?3"
                                   " WHERE id = ?4 AND status = '" STATUS_DRAFT "'",
                               error);

  return stmt != NULL &&
         _tonic_store_bind_text (db, stmt, 1, now, error) &&
         _tonic_store_bind_id (db, stmt, 2, txn->actor_id, error) &&
         _tonic_store_bind_int64 (db, stmt, 3, changed, error) &&
         _tonic_store_bind_int64 (db, stmt, 4, draft->id, error) &&
         _tonic_store_step_done (db, stmt, error) &&
         append_plan_audit (txn, db, "plan.sign", draft->patient_id, TONIC_RECORD_PLAN,
                            draft->id, detail, error) &&
         _tonic_store_refresh_patient_course (txn->store, db, draft->patient_id, error) &&
         _tonic_store_read_plan (db, draft->id, &txn->result, error);
}

static void
sign_plan_job (TonicStore *self,
               sqlite3    *db,
               GTask      *task,
               gpointer    data)
{
  PlanData *request = data;
  g_autoptr(GError) error = NULL;
  PlanTxn txn = { self, 0, request, NULL };

  if (!require_writer (self, db, TONIC_ACTION_PLAN_SIGN, &txn.actor_id, &error) ||
      !_tonic_store_transaction (db, sign_plan_txn, &txn, &error))
    {
      g_clear_pointer (&txn.result, tonic_plan_free);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, txn.result, (GDestroyNotify) tonic_plan_free);
}

static gboolean
end_course_txn (sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  PlanTxn *txn = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  gint64 patient_id = 0;
  gboolean ended = FALSE;

  if (!_tonic_store_read_course (db, txn->request->id, &patient_id, &ended, error))
    return FALSE;

  if (ended)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("This course of treatment has already ended"));
      return FALSE;
    }

  stmt = _tonic_store_prepare (db, "UPDATE course SET ended_at = ?1, ended_by = ?2,"
                                   " end_reason = ?3 WHERE id = ?4 AND ended_at IS NULL",
                               error);

  return stmt != NULL &&
         _tonic_store_bind_text (db, stmt, 1, now, error) &&
         _tonic_store_bind_id (db, stmt, 2, txn->actor_id, error) &&
         _tonic_store_bind_text (db, stmt, 3, txn->request->reason, error) &&
         _tonic_store_bind_int64 (db, stmt, 4, txn->request->id, error) &&
         _tonic_store_step_done (db, stmt, error) &&
         append_plan_audit (txn, db, "course.end", patient_id, TONIC_RECORD_COURSE,
                            txn->request->id, NULL, error) &&
         _tonic_store_refresh_patient_course (txn->store, db, patient_id, error);
}

/* NULL, or what is wrong with the reason for ending a course. */
static char *
check_end_reason (const char *reason)
{
  gsize length = reason != NULL ? strlen (reason) : 0;

  if (length == 0)
    return g_strdup (_("Give the reason for ending the course"));
  if (!g_utf8_validate (reason, -1, NULL) ||
      g_utf8_strlen (reason, -1) > TONIC_PLAN_TEXT_MAX)
    return g_strdup_printf (ngettext ("The reason can have at most %d character",
                                      "The reason can have at most %d characters",
                                      TONIC_PLAN_TEXT_MAX),
                            TONIC_PLAN_TEXT_MAX);

  return NULL;
}

static void
end_course_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  PlanData *request = data;
  g_autoptr(GError) error = NULL;
  PlanTxn txn = { self, 0, request, NULL };

  if (!require_writer (self, db, TONIC_ACTION_PLAN_SIGN, &txn.actor_id, &error) ||
      _tonic_store_refuse_invalid (&error, check_end_reason (request->reason)) ||
      !_tonic_store_transaction (db, end_course_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* -- Public API ------------------------------------------------------------------ */

static void
run_plan_job (TonicStore          *self,
              TonicStoreJobFunc    func,
              PlanData            *data,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  _tonic_store_run_async (self, func, data, plan_data_free, source_tag, cancellable, callback,
                          user_data);
}

static PlanData *
plan_data_new_for_id (gint64 id)
{
  PlanData *data = g_new0 (PlanData, 1);

  data->id = id;

  return data;
}

void
tonic_store_list_plans_async (TonicStore          *self,
                              gint64               patient_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_plan_job (self, list_plans_job, plan_data_new_for_id (patient_id),
                tonic_store_list_plans_async, cancellable, callback, user_data);
}

GPtrArray *
tonic_store_list_plans_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_list_plans_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_get_plan_async (TonicStore          *self,
                            gint64               plan_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (plan_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_plan_job (self, get_plan_job, plan_data_new_for_id (plan_id), tonic_store_get_plan_async,
                cancellable, callback, user_data);
}

TonicPlan *
tonic_store_get_plan_finish (TonicStore    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_get_plan_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_get_active_plan_async (TonicStore          *self,
                                   gint64               patient_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_plan_job (self, get_active_plan_job, plan_data_new_for_id (patient_id),
                tonic_store_get_active_plan_async, cancellable, callback, user_data);
}

TonicPlan *
tonic_store_get_active_plan_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_get_active_plan_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_save_plan_draft_async (TonicStore          *self,
                                   const TonicPlan     *plan,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PlanData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (plan != NULL);
  g_return_if_fail (plan->id >= 0 && plan->course_id >= 0);
  g_return_if_fail (plan->id != 0 || plan->course_id != 0 || plan->patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = plan_data_new_for_id (plan->id);
  data->plan = tonic_plan_copy (plan);
  normalize_plan (data->plan);

  run_plan_job (self, save_plan_draft_job, data, tonic_store_save_plan_draft_async, cancellable,
                callback, user_data);
}

TonicPlan *
tonic_store_save_plan_draft_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_save_plan_draft_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_discard_plan_draft_async (TonicStore          *self,
                                      gint64               plan_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (plan_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_plan_job (self, discard_plan_draft_job, plan_data_new_for_id (plan_id),
                tonic_store_discard_plan_draft_async, cancellable, callback, user_data);
}

gboolean
tonic_store_discard_plan_draft_finish (TonicStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result,
                                                tonic_store_discard_plan_draft_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_sign_plan_async (TonicStore          *self,
                             gint64               plan_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (plan_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run_plan_job (self, sign_plan_job, plan_data_new_for_id (plan_id), tonic_store_sign_plan_async,
                cancellable, callback, user_data);
}

TonicPlan *
tonic_store_sign_plan_finish (TonicStore    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_sign_plan_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_end_course_async (TonicStore          *self,
                              gint64               course_id,
                              const char          *reason,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  PlanData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (course_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = plan_data_new_for_id (course_id);
  data->reason = tonic_text_strip (reason);

  run_plan_job (self, end_course_job, data, tonic_store_end_course_async, cancellable, callback,
                user_data);
}

gboolean
tonic_store_end_course_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_end_course_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
