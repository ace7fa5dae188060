/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-store-patients-private.h"
#include "tonic-text.h"
#include "tonic-time.h"

/* Appointments and the Today board (tonic-store-patients.h). Times are
 * stored as UTC ISO-8601 text with whole seconds, so that comparing the
 * text compares the moments; end_at (start + length) is kept beside
 * start_at so that overlaps are plain comparisons too. */

typedef struct
{
  /* Booking */
  gint64                id;
  gint64                patient_id;
  TonicAppointmentType  type;
  int                   chair;
  gint64                staff_id;
  GDateTime            *start;
  int                   minutes;
  char                 *note;
  /* Listing */
  char                 *from;
  char                 *until;
  /* Moving */
  TonicAppointmentState state;
  gboolean              has_check_in;
  TonicCheckIn          check_in;
} AppointmentData;

#define APPOINTMENT_COLUMNS \
  "a.id, a.uuid, a.patient_id, p.legal_name, p.preferred_name, a.appointment_type, a.chair," \
  " a.staff_id, a.start_at, a.minutes, a.state, a.state_changed_at, a.note, a.arrived_at," \
  " a.in_chair_at, a.recovery_at, a.discharged_at, a.identity_confirmed, a.driver_confirmed," \
  " a.fasting_confirmed"
#define APPOINTMENT_FROM " FROM appointment a JOIN patient p ON p.id = a.patient_id"

/* -- Helpers ------------------------------------------------------------------ */

static void
appointment_data_free (gpointer data)
{
  AppointmentData *appointment = data;

  g_clear_pointer (&appointment->start, g_date_time_unref);
  g_free (appointment->note);
  g_free (appointment->from);
  g_free (appointment->until);
  g_free (appointment);
}

static AppointmentData *
appointment_data_new (const TonicAppointmentFields *fields)
{
  AppointmentData *data = g_new0 (AppointmentData, 1);

  if (fields != NULL)
    {
      data->id = fields->id;
      data->patient_id = fields->patient_id;
      data->type = fields->type;
      data->chair = fields->chair;
      data->staff_id = fields->staff_id;
      data->start = fields->start != NULL ? g_date_time_ref (fields->start) : NULL;
      data->minutes = fields->minutes;
      data->note = g_strdup (fields->note);
    }

  return data;
}

/* The booking form's fields of @data, borrowed. */
static void
get_booking_fields (AppointmentData        *data,
                    TonicAppointmentFields *f)
{
  memset (f, 0, sizeof *f);
  f->id = data->id;
  f->patient_id = data->patient_id;
  f->type = data->type;
  f->chair = data->chair;
  f->staff_id = data->staff_id;
  f->start = data->start;
  f->minutes = data->minutes;
  f->note = data->note;
}

static gboolean
bind_time (sqlite3       *db,
           sqlite3_stmt  *stmt,
           int            index,
           GDateTime     *time,
           GError       **error)
{
  g_autofree char *text = time != NULL ? tonic_time_format_utc (time) : NULL;

  return _tonic_store_bind_text (db, stmt, index, text, error);
}

static GDateTime *
column_time (sqlite3_stmt *stmt,
             int           col)
{
  return tonic_time_parse_utc ((const char *) sqlite3_column_text (stmt, col));
}

static void
set_corrupt (GError **error)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                       _("The database file is damaged: an appointment cannot be read"));
}

static TonicAppointment *
appointment_from_row (sqlite3_stmt  *stmt,
                      GError       **error)
{
  g_autoptr(GDateTime) start = column_time (stmt, 8);
  g_autoptr(GDateTime) state_changed_at = column_time (stmt, 11);
  g_autoptr(GDateTime) arrived_at = column_time (stmt, 13);
  g_autoptr(GDateTime) in_chair_at = column_time (stmt, 14);
  g_autoptr(GDateTime) recovery_at = column_time (stmt, 15);
  g_autoptr(GDateTime) discharged_at = column_time (stmt, 16);
  g_autofree char *patient_name = NULL;
  TonicAppointmentFields f = { 0 };

  if (start == NULL ||
      !tonic_appointment_type_from_string ((const char *) sqlite3_column_text (stmt, 5), &f.type) ||
      !tonic_appointment_state_from_string ((const char *) sqlite3_column_text (stmt, 10),
                                            &f.state) ||
      sqlite3_column_int (stmt, 6) < 1 || sqlite3_column_int (stmt, 9) < 1)
    {
      set_corrupt (error);
      return NULL;
    }

  patient_name = tonic_patient_format_display_name ((const char *) sqlite3_column_text (stmt, 3),
                                                    (const char *) sqlite3_column_text (stmt, 4));

  f.id = sqlite3_column_int64 (stmt, 0);
  f.uuid = (const char *) sqlite3_column_text (stmt, 1);
  f.patient_id = sqlite3_column_int64 (stmt, 2);
  f.patient_name = patient_name;
  f.chair = sqlite3_column_int (stmt, 6);
  f.staff_id = sqlite3_column_int64 (stmt, 7);
  f.start = start;
  f.minutes = sqlite3_column_int (stmt, 9);
  f.state_changed_at = state_changed_at;
  f.note = (const char *) sqlite3_column_text (stmt, 12);
  f.arrived_at = arrived_at;
  f.in_chair_at = in_chair_at;
  f.recovery_at = recovery_at;
  f.discharged_at = discharged_at;
  f.identity_confirmed = sqlite3_column_int (stmt, 17) != 0;
  f.driver_confirmed = sqlite3_column_int (stmt, 18) != 0;
  f.fasting_confirmed = sqlite3_column_int (stmt, 19) != 0;

  return tonic_appointment_new (&f);
}

static GPtrArray *
read_appointments (sqlite3       *db,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GPtrArray) appointments = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TonicAppointment *appointment = appointment_from_row (stmt, error);

      if (appointment == NULL)
        return NULL;
      g_ptr_array_add (appointments, appointment);
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the appointments"));
      return NULL;
    }

  return g_steal_pointer (&appointments);
}

/* Appointment @id, or NULL with NOT_FOUND. */
static TonicAppointment *
read_appointment (sqlite3  *db,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT " APPOINTMENT_COLUMNS APPOINTMENT_FROM
                                   " WHERE a.id = ?1",
                               error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, id, error))
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                           _("This appointment does not exist"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the appointments"));
      return NULL;
    }

  return appointment_from_row (stmt, error);
}

static gboolean
staff_exists (sqlite3   *db,
              gint64     staff_id,
              gboolean  *exists,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT id FROM staff WHERE id = ?1", error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, staff_id, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the staff list"));
      return FALSE;
    }

  *exists = rc == SQLITE_ROW;

  return TRUE;
}

/* A UTC ISO-8601 moment given by a caller, in the stored form. */
static char *
normalize_moment (const char  *text,
                  GError     **error)
{
  g_autoptr(GDateTime) time = tonic_time_parse_utc (text);

  if (time == NULL)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("The time range to show is not valid"));
      return NULL;
    }

  return tonic_time_format_utc (time);
}

/* -- Internal API ---------------------------------------------------------- */

gboolean
_tonic_store_read_chairs (sqlite3  *db,
                          int      *n_chairs,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 value = 0;
  int rc;

  *n_chairs = TONIC_DEFAULT_CHAIRS;

  stmt = _tonic_store_prepare (db, "SELECT text_value FROM practice_setting WHERE name = ?1",
                               error);
  if (stmt == NULL || !_tonic_store_bind_text (db, stmt, 1, TONIC_SETTING_CHAIRS, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the practice’s settings"));
      return FALSE;
    }

  /* A value out of range (written by hand, or a newer Tonic) counts as
   * not set. */
  if (g_ascii_string_to_unsigned ((const char *) sqlite3_column_text (stmt, 0), 10, 1,
                                  TONIC_MAX_CHAIRS, &value, NULL))
    *n_chairs = (int) value;

  return TRUE;
}

sqlite3_stmt *
_tonic_store_prepare_appointment_insert (sqlite3  *db,
                                         GError  **error)
{
  return _tonic_store_prepare (db,
                               "INSERT INTO appointment (uuid, patient_id, appointment_type,"
                               "  chair, staff_id, start_at, end_at, minutes, state,"
                               "  state_changed_at, note, arrived_at, in_chair_at, recovery_at,"
                               "  discharged_at, identity_confirmed, driver_confirmed,"
                               "  fasting_confirmed, created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                               "         ?14, ?15, ?16, ?17, ?18, ?19, ?19)",
                               error);
}

gboolean
_tonic_store_insert_appointment (sqlite3                       *db,
                                 sqlite3_stmt                  *stmt,
                                 const TonicAppointmentFields  *f,
                                 gint64                         patient_id,
                                 const char                    *now,
                                 gint64                        *id,
                                 GError                       **error)
{
  g_autoptr(GDateTime) end = g_date_time_add_minutes (f->start, f->minutes);
  g_autofree char *uuid = NULL;
  g_autofree char *note = tonic_text_strip (f->note);
  gboolean ok;

  if (f->uuid != NULL && g_uuid_string_is_valid (f->uuid))
    uuid = g_strdup (f->uuid);
  else
    uuid = g_uuid_string_random ();

  sqlite3_reset (stmt);
  ok = _tonic_store_bind_text (db, stmt, 1, uuid, error) &&
       _tonic_store_bind_int64 (db, stmt, 2, patient_id, error) &&
       _tonic_store_bind_text (db, stmt, 3, tonic_appointment_type_to_string (f->type), error) &&
       _tonic_store_bind_int64 (db, stmt, 4, f->chair, error) &&
       _tonic_store_bind_id (db, stmt, 5, f->staff_id, error) &&
       bind_time (db, stmt, 6, f->start, error) &&
       bind_time (db, stmt, 7, end, error) &&
       _tonic_store_bind_int64 (db, stmt, 8, f->minutes, error) &&
       _tonic_store_bind_text (db, stmt, 9, tonic_appointment_state_to_string (f->state), error) &&
       bind_time (db, stmt, 10, f->state_changed_at, error) &&
       _tonic_store_bind_text (db, stmt, 11, note, error) &&
       bind_time (db, stmt, 12, f->arrived_at, error) &&
       bind_time (db, stmt, 13, f->in_chair_at, error) &&
       bind_time (db, stmt, 14, f->recovery_at, error) &&
       bind_time (db, stmt, 15, f->discharged_at, error) &&
       _tonic_store_bind_int64 (db, stmt, 16, f->identity_confirmed ? 1 : 0, error) &&
       _tonic_store_bind_int64 (db, stmt, 17, f->driver_confirmed ? 1 : 0, error) &&
       _tonic_store_bind_int64 (db, stmt, 18, f->fasting_confirmed ? 1 : 0, error) &&
       _tonic_store_bind_text (db, stmt, 19, now, error) &&
       _tonic_store_step_done (db, stmt, error);
  sqlite3_reset (stmt);

  if (!ok)
    return FALSE;

  *id = sqlite3_last_insert_rowid (db);

  return TRUE;
}

/* -- Jobs ------------------------------------------------------------------ */

static void
list_appointments_job (TonicStore *self,
                       sqlite3    *db,
                       GTask      *task,
                       gpointer    data)
{
  AppointmentData *request = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (!_tonic_store_require (self, db, TONIC_ACTION_APPOINTMENT_VIEW, NULL, &error) ||
      (from = normalize_moment (request->from, &error)) == NULL ||
      (until = normalize_moment (request->until, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stmt = _tonic_store_prepare (db, "SELECT " APPOINTMENT_COLUMNS APPOINTMENT_FROM
                                   " WHERE a.start_at >= ?1 AND a.start_at < ?2"
                                   " ORDER BY a.start_at, a.chair, a.id",
                               &error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, from, &error) ||
      !_tonic_store_bind_text (db, stmt, 2, until, &error) ||
      (appointments = read_appointments (db, stmt, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&appointments),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
list_patient_appointments_job (TonicStore *self,
                               sqlite3    *db,
                               GTask      *task,
                               gpointer    data)
{
  AppointmentData *request = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GError) error = NULL;

  if (!_tonic_store_require (self, db, TONIC_ACTION_APPOINTMENT_VIEW, NULL, &error) ||
      !_tonic_store_require_patient (db, request->patient_id, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stmt = _tonic_store_prepare (db, "SELECT " APPOINTMENT_COLUMNS APPOINTMENT_FROM
                                   " WHERE a.patient_id = ?1"
                                   " ORDER BY a.start_at DESC, a.id DESC",
                               &error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, request->patient_id, &error) ||
      (appointments = read_appointments (db, stmt, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&appointments),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
find_conflicts_job (TonicStore *self,
                    sqlite3    *db,
                    GTask      *task,
                    gpointer    data)
{
  AppointmentData *request = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(GDateTime) earliest = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GError) error = NULL;

  if (!_tonic_store_require (self, db, TONIC_ACTION_APPOINTMENT_VIEW, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (request->start == NULL || request->minutes <= 0)
    {
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  /* Overlapping: starts before this one ends and ends after it starts.
   * No appointment is longer than TONIC_APPOINTMENT_MINUTES_MAX, so only
   * the starts from that long before are looked at (a range of the
   * start_at index). */
  end = g_date_time_add_minutes (request->start, request->minutes);
  earliest = g_date_time_add_minutes (request->start, -TONIC_APPOINTMENT_MINUTES_MAX);

  stmt = _tonic_store_prepare (db, "SELECT " APPOINTMENT_COLUMNS APPOINTMENT_FROM
                                   " WHERE a.start_at >= ?1 AND a.start_at < ?2"
                                   "   AND a.end_at > ?3 AND a.chair = ?4"
                                   "   AND a.state <> ?5 AND a.state <> ?6 AND a.id <> ?7"
                                   " ORDER BY a.start_at, a.id",
                               &error);
  if (stmt == NULL ||
      !bind_time (db, stmt, 1, earliest, &error) ||
      !bind_time (db, stmt, 2, end, &error) ||
      !bind_time (db, stmt, 3, request->start, &error) ||
      !_tonic_store_bind_int64 (db, stmt, 4, request->chair, &error) ||
      !_tonic_store_bind_text (db, stmt, 5,
                               tonic_appointment_state_to_string (TONIC_APPOINTMENT_STATE_CANCELLED),
                               &error) ||
      !_tonic_store_bind_text (db, stmt, 6,
                               tonic_appointment_state_to_string (TONIC_APPOINTMENT_STATE_NO_SHOW),
                               &error) ||
      !_tonic_store_bind_int64 (db, stmt, 7, request->id, &error) ||
      (appointments = read_appointments (db, stmt, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&appointments),
                         (GDestroyNotify) g_ptr_array_unref);
}

/* Whether any role may make this move of the board. */
static gboolean
transition_exists (TonicAppointmentState from,
                   TonicAppointmentState to)
{
  for (guint role = 0; role < TONIC_N_ROLES; role++)
    if (tonic_appointment_can_transition (from, to, role))
      return TRUE;

  return FALSE;
}

typedef struct
{
  TonicStore        *store;
  TonicStoreAccess  *access;
  AppointmentData   *request;
  TonicAppointment  *result;
  /* Moving: a refusal to record after the rollback, and its outcome. */
  gboolean           denied;
  TonicAuditOutcome  refusal;
  gint64             patient_id;
  char              *detail;
} AppointmentTxn;

/* The names of the booking fields that differ, joined by ", ". */
static char *
describe_changes (TonicAppointment *current,
                  AppointmentData  *request,
                  const char       *note)
{
  GString *changed = g_string_new (NULL);
  const struct
  {
    const char *name;
    gboolean    differs;
  } fields[] = {
    { "patient", tonic_appointment_get_patient_id (current) != request->patient_id },
    { "appointment-type", tonic_appointment_get_appointment_type (current) != request->type },
    { "start", g_date_time_to_unix (tonic_appointment_get_start (current)) !=
               g_date_time_to_unix (request->start) },
    { "minutes", tonic_appointment_get_minutes (current) != request->minutes },
    { "chair", tonic_appointment_get_chair (current) != request->chair },
    { "staff", tonic_appointment_get_staff_id (current) != request->staff_id },
    { "note", !g_str_equal (tonic_appointment_get_note (current), note) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].differs)
      g_string_append_printf (changed, "%s%s", changed->len > 0 ? ", " : "", fields[i].name);

  return g_string_free (changed, FALSE);
}

static gboolean
save_appointment_txn (sqlite3  *db,
                      gpointer  user_data,
                      GError  **error)
{
  AppointmentTxn *txn = user_data;
  AppointmentData *request = txn->request;
  g_autoptr(TonicAppointment) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) end = g_date_time_add_minutes (request->start, request->minutes);
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *note = tonic_text_strip (request->note);
  g_autofree char *changes = NULL;
  g_autofree char *object_id = NULL;
  gboolean exists = FALSE;
  gboolean archived = FALSE;
  gint64 id = request->id;

  if (!_tonic_store_require_patient (db, request->patient_id, &archived, error))
    return FALSE;
  if (archived)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("This patient’s record is archived: restore it before booking"));
      return FALSE;
    }

  if (request->staff_id != 0)
    {
      if (!staff_exists (db, request->staff_id, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("The assigned staff member does not exist"));
          return FALSE;
        }
    }

  if (id == 0)
    {
      TonicAppointmentFields f;

      /* A booking starts on the board as scheduled, nothing confirmed. */
      get_booking_fields (request, &f);
      f.state = TONIC_APPOINTMENT_STATE_SCHEDULED;

      stmt = _tonic_store_prepare_appointment_insert (db, error);
      if (stmt == NULL ||
          !_tonic_store_insert_appointment (db, stmt, &f, request->patient_id, now, &id, error))
        return FALSE;

      object_id = _tonic_store_format_id (id);
      if (!_tonic_store_append_audit (txn->store, db, txn->access->actor_id, "appointment.book",
                                      request->patient_id, "appointment", object_id,
                                      TONIC_AUDIT_OK, NULL, FALSE, error))
        return FALSE;
    }
  else
    {
      current = read_appointment (db, id, error);
      if (current == NULL)
        return FALSE;

      changes = describe_changes (current, request, note);
      if (*changes != '\0')
        {
          stmt = _tonic_store_prepare (db,
                                       "UPDATE appointment SET patient_id = ?1,"
                                       " appointment_type = ?2, chair = ?3, staff_id = ?4,"
                                       " start_at = ?5, end_at = ?6, minutes = ?7, note = ?8,"
                                       " updated_at = ?9"
                                       " WHERE id = ?10",
                                       error);
          object_id = _tonic_store_format_id (id);
          if (stmt == NULL ||
              !_tonic_store_bind_int64 (db, stmt, 1, request->patient_id, error) ||
              !_tonic_store_bind_text (db, stmt, 2,
                                       tonic_appointment_type_to_string (request->type), error) ||
              !_tonic_store_bind_int64 (db, stmt, 3, request->chair, error) ||
              !_tonic_store_bind_id (db, stmt, 4, request->staff_id, error) ||
              !bind_time (db, stmt, 5, request->start, error) ||
              !bind_time (db, stmt, 6, end, error) ||
              !_tonic_store_bind_int64 (db, stmt, 7, request->minutes, error) ||
              !_tonic_store_bind_text (db, stmt, 8, note, error) ||
              !_tonic_store_bind_text (db, stmt, 9, now, error) ||
              !_tonic_store_bind_int64 (db, stmt, 10, id, error) ||
              !_tonic_store_step_done (db, stmt, error) ||
              !_tonic_store_append_audit (txn->store, db, txn->access->actor_id,
                                          "appointment.edit", request->patient_id,
                                          "appointment", object_id, TONIC_AUDIT_OK, changes,
                                          FALSE, error))
            return FALSE;
        }
    }

  txn->result = read_appointment (db, id, error);

  return txn->result != NULL;
}

static void
save_appointment_job (TonicStore *self,
                      sqlite3    *db,
                      GTask      *task,
                      gpointer    data)
{
  AppointmentData *request = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  TonicAppointmentFields f;
  TonicStoreAccess access;
  AppointmentTxn txn = { self, &access, request, NULL, FALSE, TONIC_AUDIT_DENIED, 0, NULL };
  int n_chairs = TONIC_DEFAULT_CHAIRS;

  if (!_tonic_store_require (self, db, TONIC_ACTION_APPOINTMENT_EDIT, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error) ||
      !_tonic_store_read_chairs (db, &n_chairs, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  get_booking_fields (request, &f);
  if (!tonic_appointment_check (&f, n_chairs, NULL, &message))
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID, "%s", message);
      return;
    }

  if (!_tonic_store_transaction (db, save_appointment_txn, &txn, &error))
    {
      g_clear_object (&txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, txn.result, g_object_unref);
}

/* Now, in whole seconds (as stored). */
static GDateTime *
now_utc (void)
{
  return g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
move_appointment_txn (sqlite3  *db,
                      gpointer  user_data,
                      GError  **error)
{
  AppointmentTxn *txn = user_data;
  AppointmentData *request = txn->request;
  g_autoptr(TonicAppointment) current = NULL;
  g_autoptr(TonicAppointment) moved = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autofree char *updated_at = tonic_time_format_utc (now);
  g_autofree char *object_id = _tonic_store_format_id (request->id);
  TonicAppointmentState from;
  TonicAppointmentFields f;

  current = read_appointment (db, request->id, error);
  if (current == NULL)
    return FALSE;

  from = tonic_appointment_get_state (current);
  txn->patient_id = tonic_appointment_get_patient_id (current);
  txn->detail = g_strdup_printf ("%s → %s", tonic_appointment_state_to_string (from),
                                 tonic_appointment_state_to_string (request->state));

  if (!transition_exists (from, request->state))
    {
      /* Not a move of the board at all: most often the appointment was
       * moved meanwhile, from another desk. */
      txn->denied = TRUE;
      txn->refusal = TONIC_AUDIT_FAILED;
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                   /* Translators: the two states of the Today board, such as
                    * "Discharged" and "Scheduled". */
                   _("This appointment is “%s” now, so it cannot be moved to “%s”. Someone "
                     "may have moved it meanwhile."),
                   tonic_appointment_state_get_label (from),
                   tonic_appointment_state_get_label (request->state));
      return FALSE;
    }

  if (!tonic_appointment_can_transition (from, request->state, txn->access->role))
    {
      txn->denied = TRUE;
      txn->refusal = TONIC_AUDIT_DENIED;
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED,
                   /* Translators: the two states of the Today board, such as
                    * "Arrived" and "In chair". */
                   _("Your role does not allow moving an appointment from “%s” to “%s”"),
                   tonic_appointment_state_get_label (from),
                   tonic_appointment_state_get_label (request->state));
      return FALSE;
    }

  if (request->state == TONIC_APPOINTMENT_STATE_ARRIVED &&
      (!request->has_check_in || !request->check_in.identity_confirmed))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("Confirm the patient’s name and date of birth before checking "
                             "them in"));
      return FALSE;
    }

  moved = tonic_appointment_with_state (current, request->state, now);
  tonic_appointment_get_fields (moved, &f);

  if (request->state == TONIC_APPOINTMENT_STATE_ARRIVED)
    {
      f.identity_confirmed = request->check_in.identity_confirmed;
      f.driver_confirmed = request->check_in.driver_confirmed;
      f.fasting_confirmed = request->check_in.fasting_confirmed;
    }
  else if (request->state == TONIC_APPOINTMENT_STATE_SCHEDULED)
    {
      /* An undone check-in is done again from the start. */
      f.identity_confirmed = FALSE;
      f.driver_confirmed = FALSE;
      f.fasting_confirmed = FALSE;
    }

  stmt = _tonic_store_prepare (db,
                               "UPDATE appointment SET state = ?1, state_changed_at = ?2,"
                               " arrived_at = ?3, in_chair_at = ?4, recovery_at = ?5,"
                               " discharged_at = ?6, identity_confirmed = ?7,"
                               " driver_confirmed = ?8, fasting_confirmed = ?9, updated_at = ?10"
                               " WHERE id = ?11",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, tonic_appointment_state_to_string (f.state), error) ||
      !bind_time (db, stmt, 2, f.state_changed_at, error) ||
      !bind_time (db, stmt, 3, f.arrived_at, error) ||
      !bind_time (db, stmt, 4, f.in_chair_at, error) ||
      !bind_time (db, stmt, 5, f.recovery_at, error) ||
      !bind_time (db, stmt, 6, f.discharged_at, error) ||
      !_tonic_store_bind_int64 (db, stmt, 7, f.identity_confirmed ? 1 : 0, error) ||
      !_tonic_store_bind_int64 (db, stmt, 8, f.driver_confirmed ? 1 : 0, error) ||
      !_tonic_store_bind_int64 (db, stmt, 9, f.fasting_confirmed ? 1 : 0, error) ||
      !_tonic_store_bind_text (db, stmt, 10, updated_at, error) ||
      !_tonic_store_bind_int64 (db, stmt, 11, request->id, error) ||
      !_tonic_store_step_done (db, stmt, error) ||
      !_tonic_store_append_audit (txn->store, db, txn->access->actor_id, "appointment.state",
                                  txn->patient_id, "appointment", object_id, TONIC_AUDIT_OK,
                                  txn->detail, FALSE, error))
    return FALSE;

  txn->result = read_appointment (db, request->id, error);

  return txn->result != NULL;
}

static gboolean
move_denied_txn (sqlite3  *db,
                 gpointer  user_data,
                 GError  **error)
{
  AppointmentTxn *txn = user_data;
  g_autofree char *object_id = _tonic_store_format_id (txn->request->id);

  return _tonic_store_append_audit (txn->store, db, txn->access->actor_id, "appointment.state",
                                    txn->patient_id, "appointment", object_id,
                                    txn->refusal, txn->detail, FALSE, error);
}

static void
move_appointment_job (TonicStore *self,
                      sqlite3    *db,
                      GTask      *task,
                      gpointer    data)
{
  AppointmentData *request = data;
  g_autoptr(GError) error = NULL;
  TonicStoreAccess access;
  AppointmentTxn txn = { self, &access, request, NULL, FALSE, TONIC_AUDIT_DENIED, 0, NULL };

  if (!_tonic_store_require (self, db, TONIC_ACTION_APPOINTMENT_EDIT, NULL, &error) ||
      !_tonic_store_read_access (self, db, &access, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!_tonic_store_transaction (db, move_appointment_txn, &txn, &error))
    {
      /* The refusal is what the caller hears; a failure to record it is
       * only logged (by id). */
      if (txn.denied)
        {
          g_autoptr(GError) audit_error = NULL;

          if (!_tonic_store_transaction (db, move_denied_txn, &txn, &audit_error))
            g_warning ("Could not audit a refused move of appointment %" G_GINT64_FORMAT ": %s",
                       request->id, audit_error->message);
        }

      g_clear_object (&txn.result);
      g_free (txn.detail);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (txn.detail);
  g_task_return_pointer (task, txn.result, g_object_unref);
}

/* -- Public API ------------------------------------------------------------------ */

void
tonic_store_list_appointments_async (TonicStore          *self,
                                     const char          *from,
                                     const char          *until,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  AppointmentData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (from != NULL);
  g_return_if_fail (until != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = appointment_data_new (NULL);
  data->from = g_strdup (from);
  data->until = g_strdup (until);

  _tonic_store_run_async (self, list_appointments_job, data, appointment_data_free,
                          tonic_store_list_appointments_async, cancellable, callback, user_data);
}

GPtrArray *
tonic_store_list_appointments_finish (TonicStore    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_list_appointments_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_list_patient_appointments_async (TonicStore          *self,
                                             gint64               patient_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  AppointmentData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = appointment_data_new (NULL);
  data->patient_id = patient_id;

  _tonic_store_run_async (self, list_patient_appointments_job, data, appointment_data_free,
                          tonic_store_list_patient_appointments_async, cancellable, callback,
                          user_data);
}

GPtrArray *
tonic_store_list_patient_appointments_finish (TonicStore    *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result,
                                                tonic_store_list_patient_appointments_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_find_conflicts_async (TonicStore                   *self,
                                  const TonicAppointmentFields *fields,
                                  GCancellable                 *cancellable,
                                  GAsyncReadyCallback           callback,
                                  gpointer                      user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (fields != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, find_conflicts_job, appointment_data_new (fields),
                          appointment_data_free, tonic_store_find_conflicts_async, cancellable,
                          callback, user_data);
}

GPtrArray *
tonic_store_find_conflicts_finish (TonicStore    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_find_conflicts_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_save_appointment_async (TonicStore                   *self,
                                    const TonicAppointmentFields *fields,
                                    GCancellable                 *cancellable,
                                    GAsyncReadyCallback           callback,
                                    gpointer                      user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (fields != NULL);
  g_return_if_fail (fields->id >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, save_appointment_job, appointment_data_new (fields),
                          appointment_data_free, tonic_store_save_appointment_async, cancellable,
                          callback, user_data);
}

TonicAppointment *
tonic_store_save_appointment_finish (TonicStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_save_appointment_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_move_appointment_async (TonicStore            *self,
                                    gint64                 appointment_id,
                                    TonicAppointmentState  state,
                                    const TonicCheckIn    *check_in,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  AppointmentData *data;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (appointment_id > 0);
  g_return_if_fail ((guint) state < TONIC_N_APPOINTMENT_STATES);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = appointment_data_new (NULL);
  data->id = appointment_id;
  data->state = state;
  if (check_in != NULL)
    {
      data->has_check_in = TRUE;
      data->check_in.identity_confirmed = !!check_in->identity_confirmed;
      data->check_in.driver_confirmed = !!check_in->driver_confirmed;
      data->check_in.fasting_confirmed = !!check_in->fasting_confirmed;
    }

  _tonic_store_run_async (self, move_appointment_job, data, appointment_data_free,
                          tonic_store_move_appointment_async, cancellable, callback, user_data);
}

TonicAppointment *
tonic_store_move_appointment_finish (TonicStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_move_appointment_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
