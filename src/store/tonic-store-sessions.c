/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tonic-check.h"
#include "tonic-store-clinical-private.h"
#include "tonic-text.h"
#include "tonic-time.h"

/* Documented sessions (tonic-store-clinical.h): a session row follows the
 * signed plan version it was started on, numbered within its course; its
 * vitals, scores and amendments are rows of their own. A session is a
 * draft until a clinician signs it, and from then on the database refuses
 * any change to it, its vitals and its scores (migration 4's triggers):
 * only amendments are added. Every change is audited with the patient and
 * the object "session" and its id. */

typedef struct
{
  /* The session, vitals row or score concerned; the patient when listing
   * or starting. */
  gint64              id;
  gint64              appointment_id;
  /* Saving */
  TonicSession       *session;
  /* Vitals */
  char               *taken_at;
  TonicVitalsPhase    phase;
  TonicVitalsReading  reading;
  TonicVitalsAction   action;
  /* An acknowledgement's note, a safety acknowledgement, an amendment */
  char               *text;
  /* Scores */
  TonicInstrument     instrument;
  TonicScoreTiming    timing;
  int                *answers;
  guint               n_answers;
} SessionData;

#define STATUS_DRAFT  "draft"
#define STATUS_SIGNED "signed"

/* The columns of a session that its page edits, in the order of
 * bind_session_fields() (parameters ?1 … ?N_SESSION_FORM_COLUMNS). */
#define SESSION_FORM_COLUMNS \
  "checked_in_at, fasting, driver, consent_current, rems_enrolled, weight_kg," \
  " weight_measured_at, route, dose_mode, dose, calculated_mg, given_mg, bag_ml," \
  " concentration_mg_per_ml, volume_ml, rate_ml_per_hour, infusion_minutes, change_reason," \
  " lot_number, checked_by, started_at, ended_at, side_effects, side_effects_other," \
  " serious_adverse_event, comedications, observation_minutes, aldrete_activity," \
  " aldrete_respiration, aldrete_circulation, aldrete_consciousness, aldrete_spo2, ready_at," \
  " driver_name, note"
#define SESSION_FORM_PARAMS \
  "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19," \
  " ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35"
#define N_SESSION_FORM_COLUMNS 35

/* What a session is read with, in the order of SessionColumn. */
#define SESSION_COLUMNS \
  "s.id, s.patient_id, s.plan_id, s.course_id, s.appointment_id, s.status, s.number," \
  " s.checked_in_at, s.fasting, s.driver, s.consent_current, s.rems_enrolled, s.weight_kg," \
  " s.weight_measured_at, s.route, s.dose_mode, s.dose, s.calculated_mg, s.given_mg, s.bag_ml," \
  " s.concentration_mg_per_ml, s.volume_ml, s.rate_ml_per_hour, s.infusion_minutes," \
  " s.change_reason, s.lot_number, s.checked_by, ck.display_name, s.started_at, s.ended_at," \
  " s.side_effects, s.side_effects_other, s.serious_adverse_event, s.comedications," \
  " s.observation_minutes, s.aldrete_activity, s.aldrete_respiration, s.aldrete_circulation," \
  " s.aldrete_consciousness, s.aldrete_spo2, s.ready_at, s.driver_name, s.note, s.created_at," \
  " s.created_by, s.signed_at, s.signed_by, sg.display_name," \
  " (SELECT pv.given_mg FROM session pv WHERE pv.course_id = s.course_id" \
  "  AND pv.status = '" STATUS_SIGNED "' AND pv.number < s.number" \
  "  ORDER BY pv.number DESC LIMIT 1)," \
  " (SELECT ps.text_value FROM practice_setting ps" \
  "  WHERE ps.name = '" TONIC_SETTING_DOSE_CHANGE_PERCENT "')"
#define SESSION_FROM \
  " FROM session s" \
  " LEFT JOIN staff ck ON ck.id = s.checked_by" \
  " LEFT JOIN staff sg ON sg.id = s.signed_by"

typedef enum
{
  COL_ID,
  COL_PATIENT_ID,
  COL_PLAN_ID,
  COL_COURSE_ID,
  COL_APPOINTMENT_ID,
  COL_STATUS,
  COL_NUMBER,
  COL_CHECKED_IN_AT,
  COL_FASTING,
  COL_DRIVER,
  COL_CONSENT_CURRENT,
  COL_REMS_ENROLLED,
  COL_WEIGHT_KG,
  COL_WEIGHT_MEASURED_AT,
  COL_ROUTE,
  COL_DOSE_MODE,
  COL_DOSE,
  COL_CALCULATED_MG,
  COL_GIVEN_MG,
  COL_BAG_ML,
  COL_CONCENTRATION,
  COL_VOLUME_ML,
  COL_RATE,
  COL_INFUSION_MINUTES,
  COL_CHANGE_REASON,
  COL_LOT_NUMBER,
  COL_CHECKED_BY,
  COL_CHECKED_BY_NAME,
  COL_STARTED_AT,
  COL_ENDED_AT,
  COL_SIDE_EFFECTS,
  COL_SIDE_EFFECTS_OTHER,
  COL_SERIOUS_ADVERSE_EVENT,
  COL_COMEDICATIONS,
  COL_OBSERVATION_MINUTES,
  COL_ALDRETE,                  /* TONIC_N_ALDRETE_ITEMS columns */
  COL_READY_AT = COL_ALDRETE + TONIC_N_ALDRETE_ITEMS,
  COL_DRIVER_NAME,
  COL_NOTE,
  COL_CREATED_AT,
  COL_CREATED_BY,
  COL_SIGNED_AT,
  COL_SIGNED_BY,
  COL_SIGNED_BY_NAME,
  COL_PREVIOUS_MG,
  COL_CHANGE_LIMIT,
} SessionColumn;

#define VITALS_COLUMNS \
  "v.id, v.session_id, v.taken_at, v.minute, v.phase, v.systolic, v.diastolic, v.heart_rate," \
  " v.spo2, v.respiratory_rate, v.level, v.alert_text, v.action, v.action_note," \
  " v.acknowledged_by, ak.display_name, v.acknowledged_at, v.recorded_by" \
  " FROM session_vitals v LEFT JOIN staff ak ON ak.id = v.acknowledged_by"

#define SCORE_COLUMNS \
  "c.id, c.session_id, c.instrument, c.timing, c.answers, c.scored_at, c.recorded_by," \
  " c.acknowledged_by, ak.display_name, c.acknowledged_at, c.acknowledgement" \
  " FROM session_score c LEFT JOIN staff ak ON ak.id = c.acknowledged_by"

#define AMENDMENT_COLUMNS \
  "a.id, a.session_id, a.text, a.created_at, a.created_by, st.display_name" \
  " FROM session_amendment a LEFT JOIN staff st ON st.id = a.created_by"

/* Stored ids of TonicVitalsLevel, in enum order. */
static const char * const level_ids[] = { "normal", "warning", "alarm" };

/* -- Helpers ------------------------------------------------------------------ */

static void
session_data_free (gpointer data)
{
  SessionData *request = data;

  g_clear_pointer (&request->session, tonic_session_free);
  g_free (request->taken_at);
  g_free (request->text);
  g_free (request->answers);
  g_free (request);
}

static SessionData *
session_data_new (gint64 id)
{
  SessionData *data = g_new0 (SessionData, 1);

  data->id = id;

  return data;
}

static void
set_corrupt (GError **error)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                       _("The database file is damaged: a session cannot be read"));
}

static gboolean
set_read_error (sqlite3  *db,
                int       rc,
                GError  **error)
{
  _tonic_store_set_error (error, db, rc, _("Could not read the sessions"));

  return FALSE;
}

static const char *
empty_if_null (const char *text)
{
  return text != NULL ? text : "";
}

/* Column @col as a new string, or NULL when it is NULL or empty. */
static char *
dup_text_or_null (sqlite3_stmt *stmt,
                  int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* Now, in whole seconds (as stored). */
static GDateTime *
now_utc (void)
{
  return g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID, message);

  return FALSE;
}

static gboolean
refuse_signed (GError **error)
{
  return refuse (error, _("This session is signed and cannot be changed: add an amendment "
                          "instead"));
}

static gboolean
append_session_audit (TonicStore    *self,
                      sqlite3       *db,
                      gint64         actor_id,
                      const char    *action,
                      TonicSession  *session,
                      const char    *detail,
                      GError       **error)
{
  return _tonic_store_append_record_audit (self, db, actor_id, action, session->patient_id,
                                           TONIC_RECORD_SESSION, session->id, detail, FALSE,
                                           error);
}

/* -- Reading ------------------------------------------------------------------ */

static TonicSessionVitals *
vitals_from_row (sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(TonicSessionVitals) vitals = g_new0 (TonicSessionVitals, 1);
  const char *level = (const char *) sqlite3_column_text (stmt, 10);
  gboolean level_known = FALSE;

  vitals->id = sqlite3_column_int64 (stmt, 0);
  vitals->session_id = sqlite3_column_int64 (stmt, 1);
  vitals->taken_at = _tonic_store_dup_text (stmt, 2);
  vitals->minute = sqlite3_column_int (stmt, 3);
  vitals->reading.systolic = sqlite3_column_int (stmt, 5);
  vitals->reading.diastolic = sqlite3_column_int (stmt, 6);
  vitals->reading.heart_rate = sqlite3_column_int (stmt, 7);
  vitals->reading.spo2 = sqlite3_column_int (stmt, 8);
  vitals->reading.respiratory_rate = sqlite3_column_int (stmt, 9);
  vitals->alert_text = dup_text_or_null (stmt, 11);
  vitals->action_note = dup_text_or_null (stmt, 13);
  vitals->acknowledged_by = sqlite3_column_int64 (stmt, 14);
  vitals->acknowledged_by_name = dup_text_or_null (stmt, 15);
  vitals->acknowledged_at = dup_text_or_null (stmt, 16);
  vitals->recorded_by = sqlite3_column_int64 (stmt, 17);

  for (guint i = 0; i < G_N_ELEMENTS (level_ids); i++)
    if (g_strcmp0 (level, level_ids[i]) == 0)
      {
        vitals->level = (TonicVitalsLevel) i;
        level_known = TRUE;
      }

  if (!level_known ||
      !tonic_vitals_phase_from_string ((const char *) sqlite3_column_text (stmt, 4),
                                       &vitals->phase) ||
      !tonic_vitals_action_from_string ((const char *) sqlite3_column_text (stmt, 12),
                                        &vitals->action))
    {
      set_corrupt (error);
      return NULL;
    }

  return g_steal_pointer (&vitals);
}

static TonicSessionScore *
score_from_row (sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(TonicSessionScore) score = g_new0 (TonicSessionScore, 1);
  g_autofree char *message = NULL;

  score->id = sqlite3_column_int64 (stmt, 0);
  score->session_id = sqlite3_column_int64 (stmt, 1);
  score->scored_at = _tonic_store_dup_text (stmt, 5);
  score->recorded_by = sqlite3_column_int64 (stmt, 6);
  score->acknowledged_by = sqlite3_column_int64 (stmt, 7);
  score->acknowledged_by_name = dup_text_or_null (stmt, 8);
  score->acknowledged_at = dup_text_or_null (stmt, 9);
  score->acknowledgement = dup_text_or_null (stmt, 10);

  if (!tonic_instrument_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                     &score->instrument) ||
      !tonic_score_timing_from_string ((const char *) sqlite3_column_text (stmt, 3),
                                       &score->timing))
    {
      set_corrupt (error);
      return NULL;
    }

  /* The answers are the record: the score is worked out from them again,
   * as when they were saved. */
  score->answers = tonic_instrument_parse_answers ((const char *) sqlite3_column_text (stmt, 4),
                                                   &score->n_answers);
  if (score->answers == NULL)
    {
      set_corrupt (error);
      return NULL;
    }

  message = tonic_instrument_score (score->instrument, score->answers, score->n_answers,
                                    &score->score);
  if (message != NULL)
    {
      set_corrupt (error);
      return NULL;
    }

  return g_steal_pointer (&score);
}

static TonicAmendment *
amendment_from_row (sqlite3_stmt  *stmt,
                    GError       **error)
{
  TonicAmendment *amendment = g_new0 (TonicAmendment, 1);

  amendment->id = sqlite3_column_int64 (stmt, 0);
  amendment->session_id = sqlite3_column_int64 (stmt, 1);
  amendment->text = _tonic_store_dup_text (stmt, 2);
  amendment->created_at = _tonic_store_dup_text (stmt, 3);
  amendment->created_by = sqlite3_column_int64 (stmt, 4);
  amendment->created_by_name = dup_text_or_null (stmt, 5);

  return amendment;
}

/* Makes the object of the current row of @stmt; NULL with @error set
 * when the row cannot be read. */
typedef gpointer (*RowFunc) (sqlite3_stmt  *stmt,
                             GError       **error);

/* The rows of "SELECT @columns WHERE @where" with @id bound to ?1, made
 * by @func, added to @rows. */
static gboolean
read_rows (sqlite3     *db,
           const char  *columns,
           const char  *where,
           gint64       id,
           RowFunc      func,
           GPtrArray   *rows,
           GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT ", columns, " ", where, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, sql, error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, id, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer row = func (stmt, error);

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    return set_read_error (db, rc, error);

  return TRUE;
}

/* The single row @where finds, or NOT_FOUND with @missing. */
static gpointer
read_row (sqlite3        *db,
          const char     *columns,
          const char     *where,
          gint64          id,
          RowFunc         func,
          GDestroyNotify  free_func,
          const char     *missing,
          GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);

  if (!read_rows (db, columns, where, id, func, rows, error))
    return NULL;

  if (rows->len == 0)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND, missing);
      return NULL;
    }

  return g_ptr_array_steal_index (rows, 0);
}

static TonicSessionVitals *
read_vitals (sqlite3  *db,
             gint64    vitals_id,
             GError  **error)
{
  return read_row (db, VITALS_COLUMNS, "WHERE v.id = ?1", vitals_id, (RowFunc) vitals_from_row,
                   (GDestroyNotify) tonic_session_vitals_free,
                   _("This vitals reading does not exist"), error);
}

static TonicSessionScore *
read_score (sqlite3  *db,
            gint64    score_id,
            GError  **error)
{
  return read_row (db, SCORE_COLUMNS, "WHERE c.id = ?1", score_id, (RowFunc) score_from_row,
                   (GDestroyNotify) tonic_session_score_free,
                   _("This rating scale score does not exist"), error);
}

static TonicSession *
session_from_row (sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(TonicSession) session = tonic_session_new ();
  const char *status = (const char *) sqlite3_column_text (stmt, COL_STATUS);

  session->id = sqlite3_column_int64 (stmt, COL_ID);
  session->patient_id = sqlite3_column_int64 (stmt, COL_PATIENT_ID);
  session->plan_id = sqlite3_column_int64 (stmt, COL_PLAN_ID);
  session->course_id = sqlite3_column_int64 (stmt, COL_COURSE_ID);
  session->appointment_id = sqlite3_column_int64 (stmt, COL_APPOINTMENT_ID);
  session->number = sqlite3_column_int (stmt, COL_NUMBER);

  if (!tonic_session_status_from_string (status, &session->status) ||
      !tonic_route_from_string ((const char *) sqlite3_column_text (stmt, COL_ROUTE),
                                &session->route) ||
      !tonic_dose_mode_from_string ((const char *) sqlite3_column_text (stmt, COL_DOSE_MODE),
                                    &session->dose_mode))
    {
      set_corrupt (error);
      return NULL;
    }

  /* Sets: ids a newer Tonic added are left out, as for indications. */
  tonic_side_effect_parse_mask ((const char *) sqlite3_column_text (stmt, COL_SIDE_EFFECTS),
                                &session->side_effects);
  tonic_comedication_parse_mask ((const char *) sqlite3_column_text (stmt, COL_COMEDICATIONS),
                                 &session->comedications);

  session->checked_in_at = dup_text_or_null (stmt, COL_CHECKED_IN_AT);
  session->fasting = sqlite3_column_int (stmt, COL_FASTING) != 0;
  session->driver = sqlite3_column_int (stmt, COL_DRIVER) != 0;
  session->consent_current = sqlite3_column_int (stmt, COL_CONSENT_CURRENT) != 0;
  session->rems_enrolled = sqlite3_column_int (stmt, COL_REMS_ENROLLED) != 0;
  session->weight_kg = sqlite3_column_double (stmt, COL_WEIGHT_KG);
  session->weight_measured_at = dup_text_or_null (stmt, COL_WEIGHT_MEASURED_AT);
  session->dose = sqlite3_column_double (stmt, COL_DOSE);
  session->calculated_mg = sqlite3_column_double (stmt, COL_CALCULATED_MG);
  session->given_mg = sqlite3_column_double (stmt, COL_GIVEN_MG);
  session->bag_ml = sqlite3_column_double (stmt, COL_BAG_ML);
  session->concentration_mg_per_ml = sqlite3_column_double (stmt, COL_CONCENTRATION);
  session->volume_ml = sqlite3_column_double (stmt, COL_VOLUME_ML);
  session->rate_ml_per_hour = sqlite3_column_double (stmt, COL_RATE);
  session->infusion_minutes = sqlite3_column_int (stmt, COL_INFUSION_MINUTES);
  session->change_reason = dup_text_or_null (stmt, COL_CHANGE_REASON);
  session->lot_number = dup_text_or_null (stmt, COL_LOT_NUMBER);
  session->checked_by = sqlite3_column_int64 (stmt, COL_CHECKED_BY);
  session->checked_by_name = dup_text_or_null (stmt, COL_CHECKED_BY_NAME);
  session->started_at = dup_text_or_null (stmt, COL_STARTED_AT);
  session->ended_at = dup_text_or_null (stmt, COL_ENDED_AT);
  session->side_effects_other = dup_text_or_null (stmt, COL_SIDE_EFFECTS_OTHER);
  session->serious_adverse_event = dup_text_or_null (stmt, COL_SERIOUS_ADVERSE_EVENT);
  session->observation_minutes = sqlite3_column_int (stmt, COL_OBSERVATION_MINUTES);
  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    session->aldrete[i] = sqlite3_column_int (stmt, COL_ALDRETE + i);
  session->ready_at = dup_text_or_null (stmt, COL_READY_AT);
  session->driver_name = dup_text_or_null (stmt, COL_DRIVER_NAME);
  session->note = dup_text_or_null (stmt, COL_NOTE);
  session->created_at = dup_text_or_null (stmt, COL_CREATED_AT);
  session->created_by = sqlite3_column_int64 (stmt, COL_CREATED_BY);
  session->signed_at = dup_text_or_null (stmt, COL_SIGNED_AT);
  session->signed_by = sqlite3_column_int64 (stmt, COL_SIGNED_BY);
  session->signed_by_name = dup_text_or_null (stmt, COL_SIGNED_BY_NAME);
  session->previous_mg = sqlite3_column_double (stmt, COL_PREVIOUS_MG);
  /* A setting that does not parse (the store refuses to write one): 0, the
   * rule's default. */
  if (sqlite3_column_type (stmt, COL_CHANGE_LIMIT) != SQLITE_NULL)
    {
      guint64 percent = 0;

      if (g_ascii_string_to_unsigned ((const char *) sqlite3_column_text (stmt, COL_CHANGE_LIMIT),
                                      10, 5, 100, &percent, NULL))
        session->change_limit_percent = (double) percent;
    }

  return g_steal_pointer (&session);
}

/* Fills the vitals (by time taken), scores (in the order recorded) and
 * amendments (oldest first) of @session. */
static gboolean
read_session_parts (sqlite3       *db,
                    TonicSession  *session,
                    GError       **error)
{
  g_ptr_array_set_size (session->vitals, 0);
  g_ptr_array_set_size (session->scores, 0);
  g_ptr_array_set_size (session->amendments, 0);

  return read_rows (db, VITALS_COLUMNS, "WHERE v.session_id = ?1 ORDER BY v.taken_at, v.id",
                    session->id, (RowFunc) vitals_from_row, session->vitals, error) &&
         read_rows (db, SCORE_COLUMNS, "WHERE c.session_id = ?1 ORDER BY c.id",
                    session->id, (RowFunc) score_from_row, session->scores, error) &&
         read_rows (db, AMENDMENT_COLUMNS, "WHERE a.session_id = ?1 ORDER BY a.id",
                    session->id, (RowFunc) amendment_from_row, session->amendments, error);
}

/* Session @session_id, with its parts when @whole; NOT_FOUND when there
 * is none. */
static TonicSession *
read_session (sqlite3   *db,
              gint64     session_id,
              gboolean   whole,
              GError   **error)
{
  g_autoptr(TonicSession) session = NULL;

  session = read_row (db, SESSION_COLUMNS SESSION_FROM, "WHERE s.id = ?1", session_id,
                      (RowFunc) session_from_row, (GDestroyNotify) tonic_session_free,
                      _("This session does not exist"), error);
  if (session == NULL || (whole && !read_session_parts (db, session, error)))
    return NULL;

  return g_steal_pointer (&session);
}

/* Session @session_id, which must still be a draft. */
static TonicSession *
read_draft (sqlite3   *db,
            gint64     session_id,
            gboolean   whole,
            GError   **error)
{
  g_autoptr(TonicSession) session = read_session (db, session_id, whole, error);

  if (session == NULL)
    return NULL;
  if (session->status != TONIC_SESSION_STATUS_DRAFT)
    {
      refuse_signed (error);
      return NULL;
    }

  return g_steal_pointer (&session);
}

/* The id of the first row @stmt (bound) gives, 0 when none. */
static gboolean
step_id (sqlite3       *db,
         sqlite3_stmt  *stmt,
         gint64        *id,
         GError       **error)
{
  int rc = sqlite3_step (stmt);

  *id = 0;
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return set_read_error (db, rc, error);

  return TRUE;
}

/* Steps @stmt (bound) to its row: NOT_FOUND with @missing when there is
 * none. */
static gboolean
step_row (sqlite3       *db,
          sqlite3_stmt  *stmt,
          const char    *missing,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND, missing);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return set_read_error (db, rc, error);

  return TRUE;
}

/* The patient's newest weight (0 kg and NULL when none). */
static gboolean
read_newest_weight (sqlite3   *db,
                    gint64     patient_id,
                    double    *kilograms,
                    char     **measured_at,
                    GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *kilograms = 0;
  *measured_at = NULL;

  stmt = _tonic_store_prepare (db, "SELECT kilograms, measured_at FROM weight"
                                   " WHERE patient_id = ?1"
                                   " ORDER BY measured_at DESC, id DESC LIMIT 1",
                               error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *kilograms = sqlite3_column_double (stmt, 0);
      *measured_at = _tonic_store_dup_text (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the weights"));
      return FALSE;
    }

  return TRUE;
}

/* -- Writing ------------------------------------------------------------------ */

/* Binds the fields the session page edits to ?1 … ?N_SESSION_FORM_COLUMNS,
 * in the order of SESSION_FORM_COLUMNS. */
static gboolean
bind_session_fields (sqlite3             *db,
                     sqlite3_stmt        *stmt,
                     const TonicSession  *session,
                     GError             **error)
{
  g_autofree char *side_effects = tonic_side_effect_format_mask (session->side_effects);
  g_autofree char *comedications = tonic_comedication_format_mask (session->comedications);

  if (!_tonic_store_bind_text (db, stmt, 1, empty_if_null (session->checked_in_at), error) ||
      !_tonic_store_bind_int64 (db, stmt, 2, session->fasting ? 1 : 0, error) ||
      !_tonic_store_bind_int64 (db, stmt, 3, session->driver ? 1 : 0, error) ||
      !_tonic_store_bind_int64 (db, stmt, 4, session->consent_current ? 1 : 0, error) ||
      !_tonic_store_bind_int64 (db, stmt, 5, session->rems_enrolled ? 1 : 0, error) ||
      !_tonic_store_bind_double (db, stmt, 6, session->weight_kg, error) ||
      !_tonic_store_bind_text (db, stmt, 7, empty_if_null (session->weight_measured_at), error) ||
      !_tonic_store_bind_text (db, stmt, 8, tonic_route_to_string (session->route), error) ||
      !_tonic_store_bind_text (db, stmt, 9, tonic_dose_mode_to_string (session->dose_mode),
                               error) ||
      !_tonic_store_bind_double (db, stmt, 10, session->dose, error) ||
      !_tonic_store_bind_double (db, stmt, 11, session->calculated_mg, error) ||
      !_tonic_store_bind_double (db, stmt, 12, session->given_mg, error) ||
      !_tonic_store_bind_double (db, stmt, 13, session->bag_ml, error) ||
      !_tonic_store_bind_double (db, stmt, 14, session->concentration_mg_per_ml, error) ||
      !_tonic_store_bind_double (db, stmt, 15, session->volume_ml, error) ||
      !_tonic_store_bind_double (db, stmt, 16, session->rate_ml_per_hour, error) ||
      !_tonic_store_bind_int64 (db, stmt, 17, session->infusion_minutes, error) ||
      !_tonic_store_bind_text (db, stmt, 18, empty_if_null (session->change_reason), error) ||
      !_tonic_store_bind_text (db, stmt, 19, empty_if_null (session->lot_number), error) ||
      !_tonic_store_bind_id (db, stmt, 20, session->checked_by, error) ||
      !_tonic_store_bind_text (db, stmt, 21, empty_if_null (session->started_at), error) ||
      !_tonic_store_bind_text (db, stmt, 22, empty_if_null (session->ended_at), error) ||
      !_tonic_store_bind_text (db, stmt, 23, side_effects, error) ||
      !_tonic_store_bind_text (db, stmt, 24, empty_if_null (session->side_effects_other), error) ||
      !_tonic_store_bind_text (db, stmt, 25, empty_if_null (session->serious_adverse_event),
                               error) ||
      !_tonic_store_bind_text (db, stmt, 26, comedications, error) ||
      !_tonic_store_bind_int64 (db, stmt, 27, session->observation_minutes, error))
    return FALSE;

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    if (!_tonic_store_bind_int64 (db, stmt, 28 + i, session->aldrete[i], error))
      return FALSE;

  return _tonic_store_bind_text (db, stmt, 33, empty_if_null (session->ready_at), error) &&
         _tonic_store_bind_text (db, stmt, 34, empty_if_null (session->driver_name), error) &&
         _tonic_store_bind_text (db, stmt, 35, empty_if_null (session->note), error);
}

/* Works out calculated_mg, volume and rate from the session's inputs (and
 * the concentration when the dose is diluted in a bag): what a caller
 * typed there is never kept. Incomplete inputs leave them at 0. */
static void
recompute_dose (TonicSession    *session,
                const TonicPlan *plan)
{
  TonicDoseInput input = { 0 };
  TonicDoseResult result = { 0 };
  g_autofree char *message = NULL;

  input.route = session->route;
  input.mode = session->dose_mode;
  if (session->dose_mode == TONIC_DOSE_MODE_PER_KG)
    input.mg_per_kg = session->dose;
  else
    input.fixed_mg = session->dose;
  input.weight_kg = session->weight_kg;
  input.bag_ml = session->bag_ml;
  input.concentration_mg_per_ml = session->concentration_mg_per_ml;
  input.minutes = session->infusion_minutes;
  input.max_mg = plan->max_dose_mg;

  session->calculated_mg = 0;
  session->volume_ml = 0;
  session->rate_ml_per_hour = 0;

  message = tonic_dose_calculate (&input, &result);
  if (message != NULL)
    return;

  session->calculated_mg = result.dose_mg;
  session->volume_ml = result.volume_ml;
  session->rate_ml_per_hour = result.rate_ml_per_hour;
  if (session->route == TONIC_ROUTE_IV && session->bag_ml > 0)
    session->concentration_mg_per_ml = result.concentration_mg_per_ml;

  tonic_dose_result_clear (&result);
}

typedef struct
{
  TonicStore     *store;
  gint64          actor_id;
  SessionData    *request;
  gpointer        result;
  GDestroyNotify  result_free;
} SessionTxn;

/* The job of every change: the permission (first), then @func in one
 * transaction; it returns txn->result (freed with @result_free), or TRUE
 * when @result_free is NULL. */
static void
run_write_job (TonicStore                *self,
               sqlite3                   *db,
               GTask                     *task,
               SessionData               *request,
               TonicAction                action,
               TonicStoreTransactionFunc  func,
               GDestroyNotify             result_free)
{
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  SessionTxn txn = { self, 0, request, NULL, result_free };

  if (!_tonic_store_require (self, db, action, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  txn.actor_id = access.actor_id;

  if (!_tonic_store_transaction (db, func, &txn, &error))
    {
      if (txn.result != NULL && result_free != NULL)
        result_free (txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (result_free == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, txn.result, result_free);
}

/* -- Starting ------------------------------------------------------------------ */

typedef struct
{
  gint64   patient_id;
  char    *arrived_at;
  gboolean driver_confirmed;
  gboolean fasting_confirmed;
} AppointmentFacts;

static void
appointment_facts_clear (AppointmentFacts *facts)
{
  g_clear_pointer (&facts->arrived_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AppointmentFacts, appointment_facts_clear)

static gboolean
read_appointment_facts (sqlite3           *db,
                        gint64             appointment_id,
                        AppointmentFacts  *facts,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tonic_store_prepare (db, "SELECT patient_id, arrived_at, driver_confirmed,"
                                   " fasting_confirmed FROM appointment WHERE id = ?1",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, appointment_id, error) ||
      !step_row (db, stmt, _("This appointment does not exist"), error))
    return FALSE;

  facts->patient_id = sqlite3_column_int64 (stmt, 0);
  facts->arrived_at = dup_text_or_null (stmt, 1);
  facts->driver_confirmed = sqlite3_column_int (stmt, 2) != 0;
  facts->fasting_confirmed = sqlite3_column_int (stmt, 3) != 0;

  return TRUE;
}

/* Why the patient has no plan to follow: their newest course has ended,
 * or there is no signed plan at all. */
static gboolean
refuse_no_plan (sqlite3  *db,
                gint64    patient_id,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 ended = 0;

  stmt = _tonic_store_prepare (db, "SELECT ended_at IS NOT NULL FROM course"
                                   " WHERE patient_id = ?1 ORDER BY id DESC LIMIT 1",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error) ||
      !step_id (db, stmt, &ended, error))
    return FALSE;

  if (ended)
    return refuse (error, _("This patient’s course of treatment has ended: a clinician signs a "
                            "new treatment plan before the next session"));

  return refuse (error, _("There is no signed treatment plan for this patient: a clinician "
                          "signs one before the first session"));
}

/* A new draft of the patient's active plan, prefilled. */
static gboolean
insert_started_session (SessionTxn       *txn,
                        sqlite3          *db,
                        const TonicPlan  *plan,
                        AppointmentFacts *facts,
                        gint64           *session_id,
                        GError          **error)
{
  SessionData *request = txn->request;
  g_autoptr(TonicSession) session = tonic_session_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autofree char *created_at = tonic_time_format_utc (now);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *weighed_at = NULL;
  gint64 last_number = 0;
  double kilograms = 0;

  stmt = _tonic_store_prepare (db, "SELECT MAX(number) FROM session WHERE course_id = ?1", error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, plan->course_id, error) ||
      !step_id (db, stmt, &last_number, error) ||
      !read_newest_weight (db, request->id, &kilograms, &weighed_at, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  session->route = plan->route;
  session->dose_mode = plan->dose_mode;
  session->dose = plan->dose;
  session->bag_ml = plan->bag_ml;
  session->concentration_mg_per_ml = plan->concentration_mg_per_ml;
  session->infusion_minutes = plan->infusion_minutes;

  if (weighed_at != NULL && tonic_dose_weight_is_current (weighed_at, now,
                                                          plan->weight_max_age_days))
    {
      session->weight_kg = kilograms;
      session->weight_measured_at = g_steal_pointer (&weighed_at);
    }

  if (request->appointment_id != 0)
    {
      session->checked_in_at = g_steal_pointer (&facts->arrived_at);
      session->driver = facts->driver_confirmed;
      session->fasting = facts->fasting_confirmed;
    }

  recompute_dose (session, plan);

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO session (" SESSION_FORM_COLUMNS ", uuid, patient_id,"
                               "  course_id, plan_id, appointment_id, status, number,"
                               "  created_at, created_by, updated_at)"
                               " VALUES (" SESSION_FORM_PARAMS ", ?36, ?37, ?38, ?39, ?40,"
                               "  '" STATUS_DRAFT "', ?41, ?42, ?43, ?42)",
                               error);
  if (stmt == NULL ||
      !bind_session_fields (db, stmt, session, error) ||
      !_tonic_store_bind_text (db, stmt, 36, uuid, error) ||
      !_tonic_store_bind_int64 (db, stmt, 37, request->id, error) ||
      !_tonic_store_bind_int64 (db, stmt, 38, plan->course_id, error) ||
      !_tonic_store_bind_int64 (db, stmt, 39, plan->id, error) ||
      !_tonic_store_bind_id (db, stmt, 40, request->appointment_id, error) ||
      !_tonic_store_bind_int64 (db, stmt, 41, last_number + 1, error) ||
      !_tonic_store_bind_text (db, stmt, 42, created_at, error) ||
      !_tonic_store_bind_id (db, stmt, 43, txn->actor_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  *session_id = sqlite3_last_insert_rowid (db);

  return TRUE;
}

static gboolean
start_session_txn (sqlite3  *db,
                   gpointer  user_data,
                   GError  **error)
{
  SessionTxn *txn = user_data;
  SessionData *request = txn->request;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(AppointmentFacts) facts = { 0 };
  gboolean archived = FALSE;
  gint64 session_id = 0;

  if (!_tonic_store_require_patient (db, request->id, &archived, error))
    return FALSE;
  if (archived)
    return refuse (error, _("This patient’s record is archived: restore it before documenting "
                            "a session"));

  if (request->appointment_id != 0)
    {
      if (!read_appointment_facts (db, request->appointment_id, &facts, error))
        return FALSE;
      if (facts.patient_id != request->id)
        return refuse (error, _("This appointment is another patient’s"));

      /* One session per appointment (a unique index): starting again
       * opens the one there is, and writes nothing. */
      stmt = _tonic_store_prepare (db, "SELECT id FROM session WHERE appointment_id = ?1", error);
      if (stmt == NULL ||
          !_tonic_store_bind_int64 (db, stmt, 1, request->appointment_id, error) ||
          !step_id (db, stmt, &session_id, error))
        return FALSE;
    }

  if (session_id != 0)
    {
      session = read_session (db, session_id, TRUE, error);
      if (session == NULL)
        return FALSE;
      if (session->patient_id != request->id)
        return refuse (error, _("This appointment is another patient’s"));
    }
  else
    {
      if (!_tonic_store_read_active_plan (db, request->id, &plan, error) ||
          (plan == NULL && !refuse_no_plan (db, request->id, error)) ||
          !insert_started_session (txn, db, plan, &facts, &session_id, error))
        return FALSE;

      session = read_session (db, session_id, TRUE, error);
      if (session == NULL ||
          !append_session_audit (txn->store, db, txn->actor_id, "session.start", session, NULL,
                                 error))
        return FALSE;
    }

  txn->result = g_steal_pointer (&session);

  return TRUE;
}

static void
start_session_job (TonicStore *self,
                   sqlite3    *db,
                   GTask      *task,
                   gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_RECORD, start_session_txn,
                 (GDestroyNotify) tonic_session_free);
}

/* -- Saving ------------------------------------------------------------------ */

/* The caller's texts stripped ("" becomes NULL) and times in the stored
 * form; INVALID for a time that is not one. */
static gboolean
normalize_session (TonicSession  *session,
                   GError       **error)
{
  char **texts[] = {
    &session->change_reason, &session->lot_number, &session->side_effects_other,
    &session->serious_adverse_event, &session->driver_name, &session->note,
  };
  const struct
  {
    char       **time;
    const char  *message;
  } times[] = {
    { &session->checked_in_at, N_("The check-in time is not a valid time") },
    { &session->weight_measured_at, N_("The time of the weight is not a valid time") },
    { &session->started_at, N_("The start time is not a valid time") },
    { &session->ended_at, N_("The end time is not a valid time") },
    { &session->ready_at, N_("The time ready to leave is not a valid time") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      char *stripped = tonic_text_strip (*texts[i]);

      g_free (*texts[i]);
      if (stripped != NULL && *stripped == '\0')
        g_clear_pointer (&stripped, g_free);
      *texts[i] = stripped;
    }

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *stripped = tonic_text_strip (*times[i].time);
      g_autoptr(GDateTime) time = NULL;

      g_clear_pointer (times[i].time, g_free);
      if (stripped == NULL || *stripped == '\0')
        continue;

      time = tonic_time_parse_utc (stripped);
      if (time == NULL)
        return refuse (error, _(times[i].message));
      *times[i].time = tonic_time_format_utc (time);
    }

  return TRUE;
}

/* The second person of a dose check: someone else, active. */
static gboolean
check_checker (sqlite3  *db,
               gint64    checker_id,
               gint64    actor_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 active = 0;

  if (checker_id == actor_id)
    return refuse (error, _("The second check of the dose is done by someone else"));

  stmt = _tonic_store_prepare (db, "SELECT active FROM staff WHERE id = ?1", error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, checker_id, error) ||
      !step_id (db, stmt, &active, error))
    return FALSE;

  if (!active)
    return refuse (error, _("The second checker must be an active member of staff"));

  return TRUE;
}

/* Adds the session's weight as a measurement when it is not the newest
 * one on record. */
static gboolean
record_session_weight (SessionTxn    *txn,
                       sqlite3       *db,
                       TonicSession  *session,
                       GError       **error)
{
  g_autofree char *newest_at = NULL;
  double newest = 0;

  if (session->weight_kg <= 0)
    return TRUE;

  if (!read_newest_weight (db, session->patient_id, &newest, &newest_at, error))
    return FALSE;

  if (newest_at != NULL && round (newest * 10.0) == round (session->weight_kg * 10.0))
    {
      if (session->weight_measured_at == NULL)
        session->weight_measured_at = g_steal_pointer (&newest_at);
      return TRUE;
    }

  if (session->weight_measured_at == NULL)
    session->weight_measured_at = tonic_text_now_utc ();

  return _tonic_store_insert_weight (txn->store, db, txn->actor_id, session->patient_id,
                                    session->weight_kg, session->weight_measured_at, error);
}

static gboolean
save_session_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  SessionTxn *txn = user_data;
  TonicSession *session = txn->request->session;
  g_autoptr(TonicSession) current = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  TonicSessionField field;

  if (!normalize_session (session, error) ||
      _tonic_store_refuse_invalid (error, tonic_session_check_draft (session, now, &field)))
    return FALSE;

  current = read_draft (db, session->id, FALSE, error);
  if (current == NULL)
    return FALSE;

  /* Who and what it belongs to stay as stored. */
  session->patient_id = current->patient_id;
  session->plan_id = current->plan_id;

  if (session->checked_by != 0 && session->checked_by != current->checked_by &&
      !check_checker (db, session->checked_by, txn->actor_id, error))
    return FALSE;

  if (session->weight_kg > 0)
    session->weight_kg = round (session->weight_kg * 10.0) / 10.0;

  if (!_tonic_store_read_plan (db, current->plan_id, &plan, error) ||
      !record_session_weight (txn, db, session, error))
    return FALSE;

  recompute_dose (session, plan);

  stmt = _tonic_store_prepare (db,
                               "UPDATE session SET (" SESSION_FORM_COLUMNS ", updated_at) ="
                               " (" SESSION_FORM_PARAMS ", ?36)"
                               " WHERE id = ?37 AND status = '" STATUS_DRAFT "'",
                               error);
  if (stmt == NULL ||
      !bind_session_fields (db, stmt, session, error) ||
      !_tonic_store_bind_text (db, stmt, 36, now, error) ||
      !_tonic_store_bind_int64 (db, stmt, 37, current->id, error) ||
      !_tonic_store_step_done (db, stmt, error) ||
      !append_session_audit (txn->store, db, txn->actor_id, "session.edit", current, NULL,
                             error) ||
      /* A new check-in time can move the day the next scale is due. */
      !_tonic_store_refresh_patient_course (txn->store, db, current->patient_id, error))
    return FALSE;

  txn->result = read_session (db, current->id, TRUE, error);

  return txn->result != NULL;
}

static void
save_session_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_RECORD, save_session_txn,
                 (GDestroyNotify) tonic_session_free);
}

/* -- Vitals ------------------------------------------------------------------ */

/* Whole minutes from @from to @to, rounded down (negative before it). */
static int
minutes_between (GDateTime *from,
                 GDateTime *to)
{
  gint64 seconds = g_date_time_to_unix (to) - g_date_time_to_unix (from);

  return (int) floor ((double) seconds / 60.0);
}

static char *
join_alert_messages (GPtrArray *alerts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < alerts->len; i++)
    {
      TonicVitalsAlert *alert = g_ptr_array_index (alerts, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, alert->message);
    }

  return g_string_free (text, FALSE);
}

static gboolean
add_vitals_txn (sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  SessionTxn *txn = user_data;
  SessionData *request = txn->request;
  const TonicVitalsReading *reading = &request->reading;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autoptr(GDateTime) taken = NULL;
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *taken_at = NULL;
  g_autofree char *recorded_at = tonic_time_format_utc (now);
  g_autofree char *alert_text = NULL;
  TonicVitalsLevel level;

  if (_tonic_store_refuse_invalid (error, tonic_vitals_reading_check (reading)))
    return FALSE;

  taken = request->taken_at != NULL ? tonic_time_parse_utc (request->taken_at)
                                    : g_date_time_ref (now);
  if (taken == NULL)
    return refuse (error, _("The time of the reading is not a valid time"));
  if (g_date_time_to_unix (taken) > g_date_time_to_unix (now))
    return refuse (error, _("A reading cannot be taken in the future"));
  taken_at = tonic_time_format_utc (taken);

  session = read_draft (db, request->id, FALSE, error);
  if (session == NULL || !_tonic_store_read_plan (db, session->plan_id, &plan, error))
    return FALSE;

  /* Minutes from the start of dosing; before it is recorded, from now. */
  started = session->started_at != NULL ? tonic_time_parse_utc (session->started_at) : NULL;

  alerts = tonic_vitals_evaluate (&plan->thresholds, request->phase, reading);
  level = tonic_vitals_alerts_get_level (alerts);
  alert_text = join_alert_messages (alerts);

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO session_vitals (session_id, taken_at, minute, phase,"
                               "  systolic, diastolic, heart_rate, spo2, respiratory_rate, level,"
                               "  alert_text, recorded_by)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, session->id, error) ||
      !_tonic_store_bind_text (db, stmt, 2, taken_at, error) ||
      !_tonic_store_bind_int64 (db, stmt, 3, minutes_between (started != NULL ? started : now,
                                                              taken),
                                error) ||
      !_tonic_store_bind_text (db, stmt, 4, tonic_vitals_phase_to_string (request->phase),
                               error) ||
      !_tonic_store_bind_int64 (db, stmt, 5, reading->systolic, error) ||
      !_tonic_store_bind_int64 (db, stmt, 6, reading->diastolic, error) ||
      !_tonic_store_bind_int64 (db, stmt, 7, reading->heart_rate, error) ||
      !_tonic_store_bind_int64 (db, stmt, 8, reading->spo2, error) ||
      !_tonic_store_bind_int64 (db, stmt, 9, reading->respiratory_rate, error) ||
      !_tonic_store_bind_text (db, stmt, 10, level_ids[level], error) ||
      !_tonic_store_bind_text (db, stmt, 11, alert_text, error) ||
      !_tonic_store_bind_id (db, stmt, 12, txn->actor_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  txn->result = read_vitals (db, sqlite3_last_insert_rowid (db), error);

  return txn->result != NULL &&
         append_session_audit (txn->store, db, txn->actor_id, "vitals.record", session,
                               tonic_vitals_phase_to_string (request->phase), error);
}

static void
add_vitals_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_RECORD, add_vitals_txn,
                 (GDestroyNotify) tonic_session_vitals_free);
}

static gboolean
acknowledge_vitals_txn (sqlite3  *db,
                        gpointer  user_data,
                        GError  **error)
{
  SessionTxn *txn = user_data;
  SessionData *request = txn->request;
  g_autoptr(TonicSessionVitals) vitals = NULL;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *note = tonic_text_strip (request->text);
  g_autofree char *now = tonic_text_now_utc ();

  if (request->action == TONIC_VITALS_ACTION_NONE)
    return refuse (error, _("Choose what was done about the alert"));
  if (_tonic_store_refuse_invalid (error, tonic_check_multiline (note, TONIC_SESSION_TEXT_MAX)))
    return FALSE;

  vitals = read_vitals (db, request->id, error);
  if (vitals == NULL)
    return FALSE;
  session = read_draft (db, vitals->session_id, FALSE, error);
  if (session == NULL)
    return FALSE;

  if (vitals->level == TONIC_VITALS_LEVEL_NORMAL)
    return refuse (error, _("This reading has no alert to acknowledge"));
  if (vitals->action != TONIC_VITALS_ACTION_NONE)
    return refuse (error, _("This alert has already been acknowledged"));

  stmt = _tonic_store_prepare (db,
                               "UPDATE session_vitals SET action = ?1, action_note = ?2,"
                               " acknowledged_by = ?3, acknowledged_at = ?4"
                               " WHERE id = ?5 AND action = 'none'",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, tonic_vitals_action_to_string (request->action),
                               error) ||
      !_tonic_store_bind_text (db, stmt, 2, note, error) ||
      !_tonic_store_bind_id (db, stmt, 3, txn->actor_id, error) ||
      !_tonic_store_bind_text (db, stmt, 4, now, error) ||
      !_tonic_store_bind_int64 (db, stmt, 5, vitals->id, error) ||
      !_tonic_store_step_done (db, stmt, error) ||
      !append_session_audit (txn->store, db, txn->actor_id, "vitals.acknowledge", session,
                             tonic_vitals_action_to_string (request->action), error))
    return FALSE;

  txn->result = read_vitals (db, vitals->id, error);

  return txn->result != NULL;
}

static void
acknowledge_vitals_job (TonicStore *self,
                        sqlite3    *db,
                        GTask      *task,
                        gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_RECORD, acknowledge_vitals_txn,
                 (GDestroyNotify) tonic_session_vitals_free);
}

/* -- Scores ------------------------------------------------------------------ */

static gboolean
save_score_txn (sqlite3  *db,
                gpointer  user_data,
                GError  **error)
{
  SessionTxn *txn = user_data;
  SessionData *request = txn->request;
  const char *instrument = tonic_instrument_to_string (request->instrument);
  const char *timing = tonic_score_timing_to_string (request->timing);
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *answers = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *detail = NULL;
  TonicScore score;

  /* Scored here: a total is never taken from the caller. */
  if (_tonic_store_refuse_invalid (error, tonic_instrument_score (request->instrument,
                                                                  request->answers,
                                                                  request->n_answers, &score)))
    return FALSE;

  session = read_draft (db, request->id, FALSE, error);
  if (session == NULL)
    return FALSE;

  /* A score given again replaces the earlier one (and its
   * acknowledgement: a new answer needs a new look). */
  stmt = _tonic_store_prepare (db, "DELETE FROM session_score"
                                   " WHERE session_id = ?1 AND instrument = ?2 AND timing = ?3",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, session->id, error) ||
      !_tonic_store_bind_text (db, stmt, 2, instrument, error) ||
      !_tonic_store_bind_text (db, stmt, 3, timing, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  answers = tonic_instrument_format_answers (request->answers, request->n_answers);
  detail = g_strdup_printf ("%s, %s%s", instrument, timing,
                            score.safety != TONIC_SAFETY_NONE ? ", safety-flag" : "");

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO session_score (session_id, patient_id, course_id,"
                               "  instrument, timing, answers, total, band, safety, scored_at,"
                               "  recorded_by)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, session->id, error) ||
      !_tonic_store_bind_int64 (db, stmt, 2, session->patient_id, error) ||
      !_tonic_store_bind_int64 (db, stmt, 3, session->course_id, error) ||
      !_tonic_store_bind_text (db, stmt, 4, instrument, error) ||
      !_tonic_store_bind_text (db, stmt, 5, timing, error) ||
      !_tonic_store_bind_text (db, stmt, 6, answers, error) ||
      !_tonic_store_bind_double (db, stmt, 7, score.total, error) ||
      !_tonic_store_bind_int64 (db, stmt, 8, score.band, error) ||
      !_tonic_store_bind_text (db, stmt, 9, tonic_safety_flag_to_string (score.safety), error) ||
      !_tonic_store_bind_text (db, stmt, 10, now, error) ||
      !_tonic_store_bind_id (db, stmt, 11, txn->actor_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  txn->result = read_score (db, sqlite3_last_insert_rowid (db), error);

  return txn->result != NULL &&
         append_session_audit (txn->store, db, txn->actor_id, "score.record", session, detail,
                               error) &&
         _tonic_store_refresh_patient_course (txn->store, db, session->patient_id, error);
}

static void
save_score_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_RECORD, save_score_txn,
                 (GDestroyNotify) tonic_session_score_free);
}

static gboolean
acknowledge_safety_txn (sqlite3  *db,
                        gpointer  user_data,
                        GError  **error)
{
  SessionTxn *txn = user_data;
  SessionData *request = txn->request;
  g_autoptr(TonicSessionScore) score = NULL;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = tonic_text_strip (request->text);
  g_autofree char *now = tonic_text_now_utc ();

  if (text == NULL || *text == '\0')
    return refuse (error, _("Write what was done about the safety alert"));
  if (_tonic_store_refuse_invalid (error, tonic_check_multiline (text, TONIC_SESSION_TEXT_MAX)))
    return FALSE;

  score = read_score (db, request->id, error);
  if (score == NULL)
    return FALSE;
  session = read_draft (db, score->session_id, FALSE, error);
  if (session == NULL)
    return FALSE;

  if (score->score.safety == TONIC_SAFETY_NONE)
    return refuse (error, _("This score has no safety alert to acknowledge"));
  if (score->acknowledged_by != 0)
    return refuse (error, _("This safety alert has already been acknowledged"));

  stmt = _tonic_store_prepare (db,
                               "UPDATE session_score SET acknowledged_by = ?1,"
                               " acknowledged_at = ?2, acknowledgement = ?3"
                               " WHERE id = ?4 AND acknowledged_by IS NULL",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_id (db, stmt, 1, txn->actor_id, error) ||
      !_tonic_store_bind_text (db, stmt, 2, now, error) ||
      !_tonic_store_bind_text (db, stmt, 3, text, error) ||
      !_tonic_store_bind_int64 (db, stmt, 4, score->id, error) ||
      !_tonic_store_step_done (db, stmt, error) ||
      !append_session_audit (txn->store, db, txn->actor_id, "safety.acknowledge", session,
                             tonic_instrument_to_string (score->instrument), error) ||
      !_tonic_store_refresh_patient_course (txn->store, db, session->patient_id, error))
    return FALSE;

  txn->result = read_score (db, score->id, error);

  return txn->result != NULL;
}

static void
acknowledge_safety_job (TonicStore *self,
                        sqlite3    *db,
                        GTask      *task,
                        gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SAFETY_ACKNOWLEDGE, acknowledge_safety_txn,
                 (GDestroyNotify) tonic_session_score_free);
}

/* -- Signing, discarding, amending ---------------------------------------------- */

static gboolean
read_patient_indications (sqlite3          *db,
                          gint64            patient_id,
                          TonicIndication  *indications,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  *indications = TONIC_INDICATION_NONE;

  stmt = _tonic_store_prepare (db, "SELECT indications FROM patient WHERE id = ?1", error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, patient_id, error) ||
      !step_row (db, stmt, _("This patient does not exist"), error))
    return FALSE;

  /* Indications a newer Tonic added are left out. */
  tonic_indication_parse_mask ((const char *) sqlite3_column_text (stmt, 0), indications);

  return TRUE;
}

static gboolean
sign_session_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  SessionTxn *txn = user_data;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  TonicIndication indications = TONIC_INDICATION_NONE;
  TonicSessionField field;

  session = read_draft (db, txn->request->id, TRUE, error);
  if (session == NULL ||
      !_tonic_store_read_plan (db, session->plan_id, &plan, error) ||
      !read_patient_indications (db, session->patient_id, &indications, error) ||
      _tonic_store_refuse_invalid (error, tonic_session_check_draft (session, now, &field)) ||
      _tonic_store_refuse_invalid (error, tonic_session_check_signable (
                                     session, plan->max_dose_mg, session->previous_mg,
                                     tonic_indication_needs_suicide_screen (indications),
                                     &field)))
    return FALSE;

  stmt = _tonic_store_prepare (db,
                               "UPDATE session SET status = '" STATUS_SIGNED "', signed_at = ?1,"
                               " signed_by = ?2, updated_at = ?1"
                               " WHERE id = ?3 AND status = '" STATUS_DRAFT "'",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, now, error) ||
      !_tonic_store_bind_id (db, stmt, 2, txn->actor_id, error) ||
      !_tonic_store_bind_int64 (db, stmt, 3, session->id, error) ||
      !_tonic_store_step_done (db, stmt, error) ||
      !append_session_audit (txn->store, db, txn->actor_id, "session.sign", session, NULL,
                             error) ||
      !_tonic_store_refresh_patient_course (txn->store, db, session->patient_id, error))
    return FALSE;

  txn->result = read_session (db, session->id, TRUE, error);

  return txn->result != NULL;
}

static void
sign_session_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_SIGN, sign_session_txn,
                 (GDestroyNotify) tonic_session_free);
}

static gboolean
discard_session_txn (sqlite3  *db,
                     gpointer  user_data,
                     GError  **error)
{
  SessionTxn *txn = user_data;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  session = read_draft (db, txn->request->id, TRUE, error);
  if (session == NULL)
    return FALSE;

  /* A safety alert does not go away with its draft unseen. */
  for (guint i = 0; i < session->scores->len; i++)
    {
      TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->score.safety != TONIC_SAFETY_NONE && score->acknowledged_by == 0)
        return refuse (error, _("This session has a safety alert: a clinician acknowledges it "
                                "before the session can be discarded"));
    }

  stmt = _tonic_store_prepare (db, "DELETE FROM session WHERE id = ?1 AND status = '"
                                   STATUS_DRAFT "'",
                               error);

  /* Named in the trail while the row is still there. */
  return stmt != NULL &&
         append_session_audit (txn->store, db, txn->actor_id, "session.discard", session, NULL,
                               error) &&
         _tonic_store_bind_int64 (db, stmt, 1, session->id, error) &&
         _tonic_store_step_done (db, stmt, error) &&
         _tonic_store_refresh_patient_course (txn->store, db, session->patient_id, error);
}

static void
discard_session_job (TonicStore *self,
                     sqlite3    *db,
                     GTask      *task,
                     gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_RECORD, discard_session_txn, NULL);
}

static gboolean
add_amendment_txn (sqlite3  *db,
                   gpointer  user_data,
                   GError  **error)
{
  SessionTxn *txn = user_data;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = tonic_text_strip (txn->request->text);
  g_autofree char *now = tonic_text_now_utc ();

  if (text == NULL || *text == '\0')
    return refuse (error, _("Write the amendment"));
  if (_tonic_store_refuse_invalid (error, tonic_check_multiline (text, TONIC_SESSION_TEXT_MAX)))
    return FALSE;

  session = read_session (db, txn->request->id, FALSE, error);
  if (session == NULL)
    return FALSE;
  if (session->status != TONIC_SESSION_STATUS_SIGNED)
    return refuse (error, _("Only a signed session is amended: edit the draft instead"));

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO session_amendment (session_id, text, created_at,"
                               "  created_by)"
                               " VALUES (?1, ?2, ?3, ?4)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, session->id, error) ||
      !_tonic_store_bind_text (db, stmt, 2, text, error) ||
      !_tonic_store_bind_text (db, stmt, 3, now, error) ||
      !_tonic_store_bind_int64 (db, stmt, 4, txn->actor_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  txn->result = read_row (db, AMENDMENT_COLUMNS, "WHERE a.id = ?1", sqlite3_last_insert_rowid (db),
                          (RowFunc) amendment_from_row, (GDestroyNotify) tonic_amendment_free,
                          _("This amendment does not exist"), error);

  return txn->result != NULL &&
         append_session_audit (txn->store, db, txn->actor_id, "session.amend", session, NULL,
                               error);
}

static void
add_amendment_job (TonicStore *self,
                   sqlite3    *db,
                   GTask      *task,
                   gpointer    data)
{
  run_write_job (self, db, task, data, TONIC_ACTION_SESSION_SIGN, add_amendment_txn,
                 (GDestroyNotify) tonic_amendment_free);
}

/* -- Listing and opening --------------------------------------------------------- */

static void
list_sessions_job (TonicStore *self,
                   sqlite3    *db,
                   GTask      *task,
                   gpointer    data)
{
  SessionData *request = data;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;

  sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_session_free);

  if (!_tonic_store_require_clinical_read (self, db, request->id, "sessions", &error) ||
      !read_rows (db, SESSION_COLUMNS SESSION_FROM,
                  "WHERE s.patient_id = ?1 ORDER BY s.course_id DESC, s.number DESC",
                  request->id, (RowFunc) session_from_row, sessions, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < sessions->len; i++)
    if (!read_session_parts (db, g_ptr_array_index (sessions, i), &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }

  g_task_return_pointer (task, g_steal_pointer (&sessions), (GDestroyNotify) g_ptr_array_unref);
}

typedef struct
{
  TonicStore   *store;
  gint64        actor_id;
  gboolean      emergency;
  TonicSession *session;
} OpenTxn;

static gboolean
open_session_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  OpenTxn *txn = user_data;

  return _tonic_store_append_record_audit (txn->store, db, txn->actor_id, "session.open",
                                           txn->session->patient_id, TONIC_RECORD_SESSION,
                                           txn->session->id, NULL, txn->emergency, error);
}

static void
open_session_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  SessionData *request = data;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  OpenTxn txn = { self, 0, FALSE, NULL };

  /* A read only emergency access allows carries its flag on the audit
   * row of the opening. */
  if (!_tonic_store_require (self, db, TONIC_ACTION_CLINICAL_VIEW, &txn.emergency, &error) ||
      !_tonic_store_read_access (self, db, &access, &error) ||
      (session = read_session (db, request->id, TRUE, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  txn.actor_id = access.actor_id;
  txn.session = session;

  if (!_tonic_store_transaction (db, open_session_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&session), (GDestroyNotify) tonic_session_free);
}

/* -- Public API ------------------------------------------------------------------ */

static gpointer
propagate_pointer (TonicStore    *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_list_sessions_async (TonicStore          *self,
                                 gint64               patient_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, list_sessions_job, session_data_new (patient_id),
                          session_data_free, tonic_store_list_sessions_async, cancellable,
                          callback, user_data);
}

GPtrArray *
tonic_store_list_sessions_finish (TonicStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return propagate_pointer (self, result, tonic_store_list_sessions_async, error);
}

void
tonic_store_open_session_async (TonicStore          *self,
                                gint64               session_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (session_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, open_session_job, session_data_new (session_id),
                          session_data_free, tonic_store_open_session_async, cancellable,
                          callback, user_data);
}

TonicSession *
tonic_store_open_session_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return propagate_pointer (self, result, tonic_store_open_session_async, error);
}

void
tonic_store_start_session_async (TonicStore          *self,
                                 gint64               patient_id,
                                 gint64               appointment_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  SessionData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (appointment_id >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = session_data_new (patient_id);
  data->appointment_id = appointment_id;

  _tonic_store_run_async (self, start_session_job, data, session_data_free,
                          tonic_store_start_session_async, cancellable, callback, user_data);
}

TonicSession *
tonic_store_start_session_finish (TonicStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return propagate_pointer (self, result, tonic_store_start_session_async, error);
}

void
tonic_store_save_session_async (TonicStore          *self,
                                const TonicSession  *session,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  SessionData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (session != NULL);
  g_return_if_fail (session->id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = session_data_new (session->id);
  data->session = tonic_session_copy (session);

  _tonic_store_run_async (self, save_session_job, data, session_data_free,
                          tonic_store_save_session_async, cancellable, callback, user_data);
}

TonicSession *
tonic_store_save_session_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return propagate_pointer (self, result, tonic_store_save_session_async, error);
}

void
tonic_store_add_vitals_async (TonicStore               *self,
                              gint64                    session_id,
                              const char               *taken_at,
                              TonicVitalsPhase          phase,
                              const TonicVitalsReading *reading,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  SessionData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (session_id > 0);
  g_return_if_fail (phase <= TONIC_VITALS_PHASE_RECOVERY);
  g_return_if_fail (reading != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = session_data_new (session_id);
  data->taken_at = g_strdup (taken_at);
  data->phase = phase;
  data->reading = *reading;

  _tonic_store_run_async (self, add_vitals_job, data, session_data_free,
                          tonic_store_add_vitals_async, cancellable, callback, user_data);
}

TonicSessionVitals *
tonic_store_add_vitals_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_pointer (self, result, tonic_store_add_vitals_async, error);
}

void
tonic_store_acknowledge_vitals_async (TonicStore          *self,
                                      gint64               vitals_id,
                                      TonicVitalsAction    action,
                                      const char          *note,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  SessionData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (vitals_id > 0);
  g_return_if_fail (action <= TONIC_VITALS_ACTION_STOP);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = session_data_new (vitals_id);
  data->action = action;
  data->text = g_strdup (note);

  _tonic_store_run_async (self, acknowledge_vitals_job, data, session_data_free,
                          tonic_store_acknowledge_vitals_async, cancellable, callback, user_data);
}

TonicSessionVitals *
tonic_store_acknowledge_vitals_finish (TonicStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return propagate_pointer (self, result, tonic_store_acknowledge_vitals_async, error);
}

void
tonic_store_save_score_async (TonicStore          *self,
                              gint64               session_id,
                              TonicInstrument      instrument,
                              TonicScoreTiming     timing,
                              const int           *answers,
                              guint                n_answers,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SessionData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (session_id > 0);
  g_return_if_fail ((guint) instrument < TONIC_N_INSTRUMENTS);
  g_return_if_fail (timing <= TONIC_SCORE_TIMING_POST);
  g_return_if_fail (answers != NULL || n_answers == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = session_data_new (session_id);
  data->instrument = instrument;
  data->timing = timing;
  data->answers = g_memdup2 (answers, n_answers * sizeof *answers);
  data->n_answers = n_answers;

  _tonic_store_run_async (self, save_score_job, data, session_data_free,
                          tonic_store_save_score_async, cancellable, callback, user_data);
}

TonicSessionScore *
tonic_store_save_score_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_pointer (self, result, tonic_store_save_score_async, error);
}

void
tonic_store_acknowledge_safety_async (TonicStore          *self,
                                      gint64               score_id,
                                      const char          *text,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  SessionData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (score_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = session_data_new (score_id);
  data->text = g_strdup (text);

  _tonic_store_run_async (self, acknowledge_safety_job, data, session_data_free,
                          tonic_store_acknowledge_safety_async, cancellable, callback, user_data);
}

TonicSessionScore *
tonic_store_acknowledge_safety_finish (TonicStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return propagate_pointer (self, result, tonic_store_acknowledge_safety_async, error);
}

void
tonic_store_sign_session_async (TonicStore          *self,
                                gint64               session_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (session_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, sign_session_job, session_data_new (session_id),
                          session_data_free, tonic_store_sign_session_async, cancellable,
                          callback, user_data);
}

TonicSession *
tonic_store_sign_session_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return propagate_pointer (self, result, tonic_store_sign_session_async, error);
}

void
tonic_store_discard_session_async (TonicStore          *self,
                                   gint64               session_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (session_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, discard_session_job, session_data_new (session_id),
                          session_data_free, tonic_store_discard_session_async, cancellable,
                          callback, user_data);
}

gboolean
tonic_store_discard_session_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_discard_session_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_add_amendment_async (TonicStore          *self,
                                 gint64               session_id,
                                 const char          *text,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  SessionData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (session_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = session_data_new (session_id);
  data->text = g_strdup (text);

  _tonic_store_run_async (self, add_amendment_job, data, session_data_free,
                          tonic_store_add_amendment_async, cancellable, callback, user_data);
}

TonicAmendment *
tonic_store_add_amendment_finish (TonicStore    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return propagate_pointer (self, result, tonic_store_add_amendment_async, error);
}
