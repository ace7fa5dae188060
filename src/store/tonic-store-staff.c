/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "tonic-password.h"
#include "tonic-store-private.h"
#include "tonic-text.h"

/* Signing in, permissions, emergency access, practice settings and staff
 * accounts. Everything here runs on the store's worker, one job at a time,
 * so a permission checked at the start of a job still holds at its end. */

/* Failed sign-ins in a row that cost nothing; the next ones wait
 * base × 2^(n - 3), at most THROTTLE_MAX_FACTOR × base. */
#define THROTTLE_FREE_FAILURES   3
#define THROTTLE_BASE_MS         2000
#define THROTTLE_MAX_FACTOR      30

#define SETTING_NAME_MAX_CHARS   64
#define SETTING_VALUE_MAX_CHARS  1000
#define REASON_MAX_CHARS         500

/* What tonic_password_hash() makes. */
#define PASSWORD_HASH_PREFIX     "$argon2id$"

typedef struct
{
  guint  failures;      /* in a row */
  gint64 last_failure;  /* monotonic µs */
} Throttle;

typedef struct
{
  char *username;
  char *password;
} SignInData;

typedef struct
{
  TonicAction action;
} CheckData;

typedef struct
{
  char *name;
  char *value;
} SettingData;

typedef struct
{
  gint64     staff_id;
  char      *username;
  char      *display_name;
  TonicRole  role;
  char      *password_hash;
  gboolean   active;
  gboolean   include_inactive;
  gboolean   colleagues;        /* those able to @able_to, not the actor */
  TonicAction able_to;
} StaffData;

/* One staff row as read, with what the transaction decided. */
typedef struct
{
  TonicStore *store;
  StaffData  *request;
  gint64      actor_id;
  TonicStaff *result;
  gboolean    changed;
} StaffTxn;

static gint throttle_base_ms = THROTTLE_BASE_MS;
static TonicStoreClockFunc throttle_clock;  /* NULL: g_get_monotonic_time() */

/* -- Helpers --------------------------------------------------------------- */

static void
sign_in_data_free (gpointer data)
{
  SignInData *sign_in = data;

  g_free (sign_in->username);
  if (sign_in->password != NULL)
    sodium_memzero (sign_in->password, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in);
}

static void
setting_data_free (gpointer data)
{
  SettingData *setting = data;

  g_free (setting->name);
  g_free (setting->value);
  g_free (setting);
}

static void
staff_data_free (gpointer data)
{
  StaffData *staff = data;

  g_free (staff->username);
  g_free (staff->display_name);
  g_free (staff->password_hash);
  g_free (staff);
}

static gint64
get_actor_id (TonicStore *self)
{
  g_autoptr(TonicStaff) actor = tonic_store_dup_actor (self);

  return actor != NULL ? tonic_staff_get_id (actor) : 0;
}

static char *
format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static const char *
describe_denial (TonicAction action)
{
  switch (action)
    {
    case TONIC_ACTION_STAFF_VIEW:
      return _("Your role does not allow you to see the staff list");
    case TONIC_ACTION_STAFF_MANAGE:
      return _("Your role does not allow you to manage staff accounts");
    case TONIC_ACTION_AUDIT_VIEW:
      return _("Your role does not allow you to review the audit trail");
    case TONIC_ACTION_SETTINGS_MANAGE:
      return _("Your role does not allow you to change the practice’s settings");
    case TONIC_ACTION_EMERGENCY_ACCESS:
      return _("Your role does not allow you to use emergency access");
    case TONIC_ACTION_CLINICAL_VIEW:
      return _("Your role does not allow you to see clinical records");
    case TONIC_ACTION_PATIENT_VIEW:
      return _("Your role does not allow you to see patients’ records");
    case TONIC_ACTION_PATIENT_EDIT:
      return _("Your role does not allow you to change patients’ records");
    case TONIC_ACTION_CLINICAL_EDIT:
      return _("Your role does not allow you to change clinical records");
    case TONIC_ACTION_APPOINTMENT_VIEW:
      return _("Your role does not allow you to see appointments");
    case TONIC_ACTION_APPOINTMENT_EDIT:
      return _("Your role does not allow you to book or move appointments");
    case TONIC_ACTION_PATIENT_IMPORT:
      return _("Your role does not allow you to import patients");
    case TONIC_ACTION_PLAN_EDIT:
      return _("Your role does not allow you to write treatment plans");
    case TONIC_ACTION_PLAN_SIGN:
      return _("Only a clinician can sign a treatment plan or end a course");
    case TONIC_ACTION_SESSION_RECORD:
      return _("Your role does not allow you to document sessions");
    case TONIC_ACTION_SESSION_SIGN:
      return _("Only a clinician can sign or amend a session");
    case TONIC_ACTION_SAFETY_ACKNOWLEDGE:
      return _("Only a clinician can acknowledge a safety alert");
    case TONIC_ACTION_OVERVIEW_VIEW:
      return _("Your role does not allow you to see the practice overview");
    default:
      return _("Your role does not allow this");
    }
}

/* Writes the "denied" row for a refused call. The refusal is what the
 * caller reports; a failure to write the row is only logged (by id). */
static void
audit_denial (TonicStore *self,
              sqlite3    *db,
              gint64      staff_id,
              const char *action,
              const char *detail)
{
  g_autoptr(GError) error = NULL;

  if (!_tonic_store_record_audit (self, db, staff_id, action, TONIC_AUDIT_DENIED, detail, FALSE,
                                  &error))
    g_warning ("Could not audit a refused “%s” by staff %" G_GINT64_FORMAT ": %s",
               action, staff_id, error->message);
}

static void
set_not_signed_in (GError **error)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED,
                       _("Sign in first"));
}

/* The role and active flag of staff row @staff_id; *found is FALSE when
 * there is no such row. */
static gboolean
read_role (sqlite3    *db,
           gint64      staff_id,
           gboolean   *found,
           TonicRole  *role,
           gboolean   *active,
           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *role_name;
  int rc;

  *found = FALSE;

  stmt = _tonic_store_prepare (db, "SELECT role, active FROM staff WHERE id = ?1", error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, staff_id, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the staff list"));
      return FALSE;
    }

  role_name = (const char *) sqlite3_column_text (stmt, 0);
  if (!tonic_role_from_string (role_name, role))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                           _("The database file is damaged: a staff member has an "
                             "unknown role"));
      return FALSE;
    }

  *found = TRUE;
  *active = sqlite3_column_int (stmt, 1) != 0;

  return TRUE;
}

/* Reads the staff columns id, uuid, username, display_name, role,
 * password_hash, active from @stmt at @first. The password hash is kept
 * only when @with_hash (signing in); nothing handed out carries it. */
static TonicStaff *
staff_from_row (sqlite3_stmt  *stmt,
                gboolean       with_hash,
                GError       **error)
{
  g_autofree char *uuid = _tonic_store_dup_text (stmt, 1);
  g_autofree char *username = _tonic_store_dup_text (stmt, 2);
  g_autofree char *display_name = _tonic_store_dup_text (stmt, 3);
  g_autofree char *role_name = _tonic_store_dup_text (stmt, 4);
  g_autofree char *password_hash = NULL;
  TonicRole role;

  if (!tonic_role_from_string (role_name, &role))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                           _("The database file is damaged: a staff member has an "
                             "unknown role"));
      return NULL;
    }

  if (with_hash)
    password_hash = _tonic_store_dup_text (stmt, 5);

  return tonic_staff_new (sqlite3_column_int64 (stmt, 0), uuid, username, display_name, role,
                          password_hash, sqlite3_column_int (stmt, 6) != 0);
}

#define STAFF_COLUMNS "id, uuid, username, display_name, role, password_hash, active"

/* The staff row @staff_id, or NULL with NOT_FOUND. */
static TonicStaff *
read_staff (sqlite3  *db,
            gint64    staff_id,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?1", error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, staff_id, error))
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                           _("This staff member does not exist"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the staff list"));
      return NULL;
    }

  return staff_from_row (stmt, FALSE, error);
}

static gboolean
count_active_admins (sqlite3  *db,
                     gint64   *count,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tonic_store_prepare (db,
                               "SELECT count(*) FROM staff WHERE role = ?1 AND active = 1",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, tonic_role_to_string (TONIC_ROLE_ADMIN), error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the staff list"));
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

static void
set_last_admin_error (GError **error)
{
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                       _("The practice needs at least one active administrator: make "
                         "someone else an administrator first"));
}

static gboolean
check_password_hash (const char  *hash,
                     GError     **error)
{
  /* A hash from tonic_password_hash(), never a password typed in by
   * mistake: that would be kept in the clear. */
  if (hash == NULL || !g_str_has_prefix (hash, PASSWORD_HASH_PREFIX) ||
      strlen (hash) < strlen (PASSWORD_HASH_PREFIX) + 16)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("The password was not protected as Tonic expects"));
      return FALSE;
    }

  return TRUE;
}

/* -- Throttling -------------------------------------------------------------------- */

static gint64
get_now (void)
{
  TonicStoreClockFunc clock = g_atomic_pointer_get (&throttle_clock);

  return clock != NULL ? clock () : g_get_monotonic_time ();
}

static guint64
get_throttle_wait_ms (guint failures)
{
  guint64 base = (guint64) g_atomic_int_get (&throttle_base_ms);
  guint doublings;

  if (failures < THROTTLE_FREE_FAILURES)
    return 0;

  /* 2^5 = 32 is past the cap already. */
  doublings = MIN (failures - THROTTLE_FREE_FAILURES, 5);

  return MIN (base << doublings, base * THROTTLE_MAX_FACTOR);
}

static guint64
get_remaining_ms (TonicStore *self,
                  const char *key)
{
  GHashTable *table = _tonic_store_lock_throttle (self);
  Throttle *throttle = g_hash_table_lookup (table, key);
  guint64 remaining = 0;

  if (throttle != NULL)
    {
      guint64 wait = get_throttle_wait_ms (throttle->failures);
      gint64 elapsed_ms = (get_now () - throttle->last_failure) / 1000;

      if (elapsed_ms < 0)
        elapsed_ms = 0;
      if ((guint64) elapsed_ms < wait)
        remaining = wait - (guint64) elapsed_ms;
    }

  _tonic_store_unlock_throttle (self);

  return remaining;
}

static void
count_failure (TonicStore *self,
               const char *key)
{
  GHashTable *table = _tonic_store_lock_throttle (self);
  Throttle *throttle = g_hash_table_lookup (table, key);

  if (throttle == NULL)
    {
      throttle = g_new0 (Throttle, 1);
      g_hash_table_insert (table, g_strdup (key), throttle);
    }

  if (throttle->failures < G_MAXUINT)
    throttle->failures++;
  throttle->last_failure = get_now ();

  _tonic_store_unlock_throttle (self);
}

static void
forget_failures (TonicStore *self,
                 const char *key)
{
  GHashTable *table = _tonic_store_lock_throttle (self);

  g_hash_table_remove (table, key);
  _tonic_store_unlock_throttle (self);
}

/* -- Signing in and out ------------------------------------------------------------- */

static void
sign_in_job (TonicStore *self,
             sqlite3    *db,
             GTask      *task,
             gpointer    data)
{
  SignInData *sign_in = data;
  g_autofree char *key = tonic_staff_normalize_username (sign_in->username);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TonicStaff) row = NULL;
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;
  const char *failure;
  guint64 remaining;
  gboolean matches;
  gint64 staff_id;
  int rc;

  /* Usernames are stored normalized, so equality is case-insensitive. */
  stmt = _tonic_store_prepare (db, "SELECT " STAFF_COLUMNS " FROM staff WHERE username = ?1",
                               &error);
  if (stmt == NULL || !_tonic_store_bind_text (db, stmt, 1, key, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = staff_from_row (stmt, TRUE, &error);
      if (row == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the staff list"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  staff_id = row != NULL ? tonic_staff_get_id (row) : 0;

  /* Waiting: refused without looking at the password at all. Unknown
   * usernames wait the same, so waiting says nothing about them. */
  remaining = get_remaining_ms (self, key);
  if (remaining > 0)
    {
      guint seconds = (guint) MIN ((remaining + 999) / 1000, G_MAXUINT);

      audit_denial (self, db, staff_id, "sign-in", "too many attempts");
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_THROTTLED,
                               ngettext ("Too many attempts. Try again in %u second.",
                                         "Too many attempts. Try again in %u seconds.",
                                         seconds),
                               seconds);
      return;
    }

  /* The same work whether or not the username exists. */
  matches = tonic_password_verify_or_decoy (row != NULL ? tonic_staff_get_password_hash (row)
                                                        : NULL,
                                            sign_in->password);

  if (row == NULL)
    failure = "unknown username";
  else if (!matches)
    failure = "wrong password";
  else if (!tonic_staff_get_active (row))
    failure = "inactive account";
  else
    failure = NULL;

  if (failure != NULL)
    {
      count_failure (self, key);

      /* The detail never holds what was typed: a password typed into the
       * username field would be kept. */
      if (!_tonic_store_record_audit (self, db, staff_id, "sign-in", TONIC_AUDIT_FAILED,
                                      failure, FALSE, &error))
        g_warning ("Could not audit a failed sign-in: %s", error->message);

      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED,
                               _("The username or password is not right"));
      return;
    }

  /* Nobody is signed in without the row that says so. */
  if (!_tonic_store_record_audit (self, db, staff_id, "sign-in", TONIC_AUDIT_OK, NULL, FALSE,
                                  &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  forget_failures (self, key);

  actor = tonic_staff_new (staff_id, tonic_staff_get_uuid (row), tonic_staff_get_username (row),
                           tonic_staff_get_display_name (row), tonic_staff_get_role (row),
                           NULL, TRUE);
  _tonic_store_set_actor (self, actor);

  g_debug ("Staff %" G_GINT64_FORMAT " signed in", staff_id);
  g_task_return_pointer (task, g_steal_pointer (&actor), g_object_unref);
}

static void
sign_out_job (TonicStore *self,
              sqlite3    *db,
              GTask      *task,
              gpointer    data)
{
  TonicSignOutReason reason = GPOINTER_TO_INT (data);
  g_autoptr(TonicStaff) actor = tonic_store_dup_actor (self);
  g_autoptr(GError) error = NULL;
  gboolean emergency = tonic_store_get_emergency (self);
  const char *action;

  if (actor == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  switch (reason)
    {
    case TONIC_SIGN_OUT_LOCK:
      action = "lock";
      break;
    case TONIC_SIGN_OUT_IDLE:
      action = "idle-lock";
      break;
    case TONIC_SIGN_OUT_USER:
    default:
      action = "sign-out";
      break;
    }

  /* Forgotten first: a failed write must not keep anyone signed in. */
  _tonic_store_set_actor (self, NULL);

  if (!_tonic_store_record_audit (self, db, tonic_staff_get_id (actor), action, TONIC_AUDIT_OK,
                                  NULL, emergency, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Staff %" G_GINT64_FORMAT " signed out", tonic_staff_get_id (actor));
  g_task_return_boolean (task, TRUE);
}

static void
check_job (TonicStore *self,
           sqlite3    *db,
           GTask      *task,
           gpointer    data)
{
  CheckData *check = data;
  g_autoptr(GError) error = NULL;
  gboolean emergency = FALSE;

  if (!_tonic_store_require (self, db, check->action, &emergency, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What emergency access opens is recorded each time it is used. */
  if (emergency &&
      !_tonic_store_record_audit (self, db, get_actor_id (self),
                                  tonic_action_to_string (check->action), TONIC_AUDIT_OK, NULL,
                                  TRUE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* -- Emergency access and settings ------------------------------------------------------ */

static gboolean
read_setting (sqlite3     *db,
              const char  *name,
              char       **value,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *value = NULL;

  stmt = _tonic_store_prepare (db, "SELECT text_value FROM practice_setting WHERE name = ?1",
                               error);
  if (stmt == NULL || !_tonic_store_bind_text (db, stmt, 1, name, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = _tonic_store_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the practice’s settings"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  TonicStore *store;
  gint64      actor_id;
  const char *reason;
} EmergencyTxn;

static gboolean
begin_emergency_txn (sqlite3  *db,
                     gpointer  user_data,
                     GError  **error)
{
  EmergencyTxn *txn = user_data;

  return _tonic_store_append_audit (txn->store, db, txn->actor_id, "emergency-access", 0,
                                    NULL, NULL, TONIC_AUDIT_OK, txn->reason, TRUE, error);
}

static void
begin_emergency_job (TonicStore *self,
                     sqlite3    *db,
                     GTask      *task,
                     gpointer    data)
{
  const char *typed = data;
  g_autofree char *reason = tonic_text_strip (typed);
  g_autofree char *enabled = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  EmergencyTxn txn = { self, 0, reason };

  if (!_tonic_store_require (self, db, TONIC_ACTION_EMERGENCY_ACCESS, NULL, &error) ||
      !read_setting (db, TONIC_SETTING_EMERGENCY_ACCESS, &enabled, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  txn.actor_id = get_actor_id (self);

  if (g_strcmp0 (enabled, "true") != 0)
    {
      audit_denial (self, db, txn.actor_id, "emergency-access", "turned off");
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED,
                               _("Emergency access is turned off for this practice. An "
                                 "administrator can turn it on in the practice’s settings."));
      return;
    }

  message = tonic_text_check_line (reason, REASON_MAX_CHARS, _("Say why you need emergency access"));
  if (message == NULL && g_utf8_strlen (reason, -1) < TONIC_EMERGENCY_REASON_MIN_CHARS)
    message = g_strdup_printf (ngettext ("Say why you need emergency access, in at least %d "
                                         "character",
                                         "Say why you need emergency access, in at least %d "
                                         "characters",
                                         TONIC_EMERGENCY_REASON_MIN_CHARS),
                               TONIC_EMERGENCY_REASON_MIN_CHARS);
  if (_tonic_store_refuse_invalid (&error, g_steal_pointer (&message)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!_tonic_store_transaction (db, begin_emergency_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _tonic_store_set_emergency (self, TRUE);

  g_debug ("Staff %" G_GINT64_FORMAT " began emergency access", txn.actor_id);
  g_task_return_boolean (task, TRUE);
}

static void
get_setting_job (TonicStore *self,
                 sqlite3    *db,
                 GTask      *task,
                 gpointer    data)
{
  SettingData *setting = data;
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  if (!_tonic_store_require_actor (self, db, "setting.read", &error) ||
      !read_setting (db, setting->name, &value, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, value, g_free);
}

typedef struct
{
  TonicStore  *store;
  SettingData *setting;
  gint64       actor_id;
} SettingTxn;

static gboolean
set_setting_txn (sqlite3  *db,
                 gpointer  user_data,
                 GError  **error)
{
  SettingTxn *txn = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *uuid = NULL;
  g_autofree char *detail = NULL;

  if (!read_setting (db, txn->setting->name, &old_value, error))
    return FALSE;

  if (g_strcmp0 (old_value, txn->setting->value) == 0)
    return TRUE;

  if (old_value != NULL)
    {
      stmt = _tonic_store_prepare (db,
                                   "UPDATE practice_setting SET text_value = ?1, updated_at = ?2"
                                   " WHERE name = ?3",
                                   error);
      if (stmt == NULL ||
          !_tonic_store_bind_text (db, stmt, 1, txn->setting->value, error) ||
          !_tonic_store_bind_text (db, stmt, 2, now, error) ||
          !_tonic_store_bind_text (db, stmt, 3, txn->setting->name, error) ||
          !_tonic_store_step_done (db, stmt, error))
        return FALSE;
    }
  else
    {
      uuid = g_uuid_string_random ();
      stmt = _tonic_store_prepare (db,
                                   "INSERT INTO practice_setting (uuid, name, text_value,"
                                   "                              updated_at)"
                                   " VALUES (?1, ?2, ?3, ?4)",
                                   error);
      if (stmt == NULL ||
          !_tonic_store_bind_text (db, stmt, 1, uuid, error) ||
          !_tonic_store_bind_text (db, stmt, 2, txn->setting->name, error) ||
          !_tonic_store_bind_text (db, stmt, 3, txn->setting->value, error) ||
          !_tonic_store_bind_text (db, stmt, 4, now, error) ||
          !_tonic_store_step_done (db, stmt, error))
        return FALSE;
    }

  detail = g_strdup_printf ("%s = %s", txn->setting->name, txn->setting->value);

  return _tonic_store_append_audit (txn->store, db, txn->actor_id, "setting.change", 0,
                                    "setting", txn->setting->name, TONIC_AUDIT_OK, detail,
                                    FALSE, error);
}

/* What the settings with a meaning take. */
static gboolean
setting_value_is_valid (const char *name,
                        const char *value)
{
  if (g_str_equal (name, TONIC_SETTING_EMERGENCY_ACCESS))
    return g_str_equal (value, "true") || g_str_equal (value, "false");

  if (g_str_equal (name, TONIC_SETTING_DOSE_CHANGE_PERCENT))
    return g_ascii_string_to_unsigned (value, 10, 5, 100, NULL, NULL);

  if (g_str_equal (name, TONIC_SETTING_PLAN_WEIGHT_AGE))
    return g_ascii_string_to_unsigned (value, 10, 1, TONIC_PLAN_WEIGHT_AGE_MAX_DAYS, NULL, NULL);

  if (g_str_equal (name, TONIC_SETTING_PLAN_THRESHOLDS))
    {
      TonicVitalsThresholds thresholds;
      g_autofree char *problem = NULL;

      if (!tonic_vitals_thresholds_parse (value, &thresholds))
        return FALSE;
      problem = tonic_vitals_thresholds_check (&thresholds);
      return problem == NULL;
    }

  return TRUE;
}

static void
set_setting_job (TonicStore *self,
                 sqlite3    *db,
                 GTask      *task,
                 gpointer    data)
{
  SettingData *setting = data;
  g_autoptr(GError) error = NULL;
  SettingTxn txn = { self, setting, 0 };

  if (!_tonic_store_require (self, db, TONIC_ACTION_SETTINGS_MANAGE, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (_tonic_store_refuse_invalid (&error,
                                   tonic_text_check_line (setting->name, SETTING_NAME_MAX_CHARS,
                                                          _("A setting needs a name"))))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_utf8_validate (setting->value, -1, NULL) ||
      g_utf8_strlen (setting->value, -1) > SETTING_VALUE_MAX_CHARS ||
      !setting_value_is_valid (setting->name, setting->value))
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("This value is not acceptable for the setting"));
      return;
    }

  txn.actor_id = get_actor_id (self);

  if (!_tonic_store_transaction (db, set_setting_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* -- Staff accounts ------------------------------------------------------------------- */

typedef struct
{
  char       *key;
  TonicStaff *staff;
} SortEntry;

static void
clear_sort_entry (gpointer data)
{
  SortEntry *entry = data;

  g_clear_pointer (&entry->key, g_free);
  g_clear_object (&entry->staff);
}

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *entry_a = a;
  const SortEntry *entry_b = b;
  gint64 id_a = tonic_staff_get_id (entry_a->staff);
  gint64 id_b = tonic_staff_get_id (entry_b->staff);
  int cmp = strcmp (entry_a->key, entry_b->key);

  if (cmp != 0)
    return cmp;

  return (id_a > id_b) - (id_a < id_b);
}

static void
list_staff_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  StaffData *request = data;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(TonicStaff) actor = tonic_store_dup_actor (self);
  g_autoptr(GError) error = NULL;
  int rc;

  if (!_tonic_store_require (self, db,
                             request->colleagues ? request->able_to : TONIC_ACTION_STAFF_VIEW,
                             NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  stmt = _tonic_store_prepare (db,
                               request->include_inactive
                                 ? "SELECT " STAFF_COLUMNS " FROM staff"
                                 : "SELECT " STAFF_COLUMNS " FROM staff WHERE active = 1",
                               &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_array_set_clear_func (entries, clear_sort_entry);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SortEntry entry;

      entry.staff = staff_from_row (stmt, FALSE, &error);
      if (entry.staff == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (request->colleagues &&
          (tonic_staff_get_id (entry.staff) == tonic_staff_get_id (actor) ||
           !tonic_permission_allows (tonic_staff_get_role (entry.staff), request->able_to)))
        {
          g_object_unref (entry.staff);
          continue;
        }

      /* Sorted the way people read names in their language, in C: the
       * database's own collation knows only bytes. */
      entry.key = g_utf8_collate_key (tonic_staff_get_display_name (entry.staff), -1);
      g_array_append_val (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the staff list"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_array_sort (entries, compare_sort_entries);

  staff = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (staff, g_steal_pointer (&g_array_index (entries, SortEntry, i).staff));

  g_task_return_pointer (task, g_steal_pointer (&staff), (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
add_staff_txn (sqlite3  *db,
               gpointer  user_data,
               GError  **error)
{
  StaffTxn *txn = user_data;
  StaffData *request = txn->request;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *username = tonic_staff_normalize_username (request->username);
  g_autofree char *display_name = tonic_text_strip (request->display_name);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *object_id = NULL;
  g_autofree char *detail = NULL;
  gint64 staff_id;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT id FROM staff WHERE username = ?1", error);
  if (stmt == NULL || !_tonic_store_bind_text (db, stmt, 1, username, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS,
                   _("The username “%s” is taken"), username);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the staff list"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO staff (uuid, username, display_name, role,"
                               "                   password_hash, active, created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, uuid, error) ||
      !_tonic_store_bind_text (db, stmt, 2, username, error) ||
      !_tonic_store_bind_text (db, stmt, 3, display_name, error) ||
      !_tonic_store_bind_text (db, stmt, 4, tonic_role_to_string (request->role), error) ||
      !_tonic_store_bind_text (db, stmt, 5, request->password_hash, error) ||
      !_tonic_store_bind_text (db, stmt, 6, now, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  staff_id = sqlite3_last_insert_rowid (db);
  object_id = format_id (staff_id);
  detail = g_strdup_printf ("role: %s", tonic_role_to_string (request->role));

  if (!_tonic_store_append_audit (txn->store, db, txn->actor_id, "staff.add", 0, "staff",
                                  object_id, TONIC_AUDIT_OK, detail, FALSE, error))
    return FALSE;

  txn->result = tonic_staff_new (staff_id, uuid, username, display_name, request->role, NULL,
                                 TRUE);
  txn->changed = TRUE;

  return TRUE;
}

static void
add_staff_job (TonicStore *self,
               sqlite3    *db,
               GTask      *task,
               gpointer    data)
{
  StaffData *request = data;
  g_autoptr(GError) error = NULL;
  StaffTxn txn = { self, request, 0, NULL, FALSE };

  if (!_tonic_store_require (self, db, TONIC_ACTION_STAFF_MANAGE, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (_tonic_store_refuse_invalid (&error, tonic_staff_check_username (request->username)) ||
      _tonic_store_refuse_invalid (&error, tonic_staff_check_display_name (request->display_name)) ||
      !check_password_hash (request->password_hash, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  txn.actor_id = get_actor_id (self);

  if (!_tonic_store_transaction (db, add_staff_txn, &txn, &error))
    {
      g_clear_object (&txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Staff %" G_GINT64_FORMAT " added", tonic_staff_get_id (txn.result));
  g_task_return_pointer (task, txn.result, g_object_unref);
}

static gboolean
update_staff_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  StaffTxn *txn = user_data;
  StaffData *request = txn->request;
  g_autoptr(TonicStaff) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *display_name = tonic_text_strip (request->display_name);
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *object_id = format_id (request->staff_id);
  TonicRole old_role;

  current = read_staff (db, request->staff_id, error);
  if (current == NULL)
    return FALSE;

  old_role = tonic_staff_get_role (current);

  if (!g_str_equal (display_name, tonic_staff_get_display_name (current)))
    g_string_append (detail, "name changed");

  if (old_role != request->role)
    {
      if (old_role == TONIC_ROLE_ADMIN && tonic_staff_get_active (current))
        {
          gint64 admins = 0;

          if (!count_active_admins (db, &admins, error))
            return FALSE;

          if (admins <= 1)
            {
              set_last_admin_error (error);
              return FALSE;
            }
        }

      g_string_append_printf (detail, "%srole: %s → %s", detail->len > 0 ? "; " : "",
                              tonic_role_to_string (old_role),
                              tonic_role_to_string (request->role));
    }

  if (detail->len == 0)
    {
      txn->result = g_steal_pointer (&current);
      return TRUE;
    }

  stmt = _tonic_store_prepare (db,
                               "UPDATE staff SET display_name = ?1, role = ?2, updated_at = ?3"
                               " WHERE id = ?4",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, display_name, error) ||
      !_tonic_store_bind_text (db, stmt, 2, tonic_role_to_string (request->role), error) ||
      !_tonic_store_bind_text (db, stmt, 3, now, error) ||
      !_tonic_store_bind_int64 (db, stmt, 4, request->staff_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  if (!_tonic_store_append_audit (txn->store, db, txn->actor_id, "staff.edit", 0, "staff",
                                  object_id, TONIC_AUDIT_OK, detail->str, FALSE, error))
    return FALSE;

  txn->result = tonic_staff_new (request->staff_id, tonic_staff_get_uuid (current),
                                 tonic_staff_get_username (current), display_name,
                                 request->role, NULL, tonic_staff_get_active (current));
  txn->changed = TRUE;

  return TRUE;
}

static void
update_staff_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  StaffData *request = data;
  g_autoptr(GError) error = NULL;
  StaffTxn txn = { self, request, 0, NULL, FALSE };

  if (!_tonic_store_require (self, db, TONIC_ACTION_STAFF_MANAGE, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (_tonic_store_refuse_invalid (&error, tonic_staff_check_display_name (request->display_name)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  txn.actor_id = get_actor_id (self);

  if (!_tonic_store_transaction (db, update_staff_txn, &txn, &error))
    {
      g_clear_object (&txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Changed one's own name or role: the actor says so at once. */
  if (txn.changed)
    _tonic_store_update_actor (self, txn.result);

  g_task_return_pointer (task, txn.result, g_object_unref);
}

static gboolean
set_staff_active_txn (sqlite3  *db,
                      gpointer  user_data,
                      GError  **error)
{
  StaffTxn *txn = user_data;
  StaffData *request = txn->request;
  g_autoptr(TonicStaff) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *object_id = format_id (request->staff_id);

  current = read_staff (db, request->staff_id, error);
  if (current == NULL)
    return FALSE;

  if (tonic_staff_get_active (current) == request->active)
    {
      txn->result = g_steal_pointer (&current);
      return TRUE;
    }

  if (!request->active && tonic_staff_get_role (current) == TONIC_ROLE_ADMIN)
    {
      gint64 admins = 0;

      if (!count_active_admins (db, &admins, error))
        return FALSE;

      if (admins <= 1)
        {
          set_last_admin_error (error);
          return FALSE;
        }
    }

  stmt = _tonic_store_prepare (db, "UPDATE staff SET active = ?1, updated_at = ?2 WHERE id = ?3",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, request->active ? 1 : 0, error) ||
      !_tonic_store_bind_text (db, stmt, 2, now, error) ||
      !_tonic_store_bind_int64 (db, stmt, 3, request->staff_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  if (!_tonic_store_append_audit (txn->store, db, txn->actor_id,
                                  request->active ? "staff.reactivate" : "staff.deactivate", 0,
                                  "staff", object_id, TONIC_AUDIT_OK, NULL, FALSE, error))
    return FALSE;

  txn->result = tonic_staff_new (request->staff_id, tonic_staff_get_uuid (current),
                                 tonic_staff_get_username (current),
                                 tonic_staff_get_display_name (current),
                                 tonic_staff_get_role (current), NULL, request->active);
  txn->changed = TRUE;

  return TRUE;
}

static void
set_staff_active_job (TonicStore *self,
                      sqlite3    *db,
                      GTask      *task,
                      gpointer    data)
{
  StaffData *request = data;
  g_autoptr(GError) error = NULL;
  StaffTxn txn = { self, request, 0, NULL, FALSE };

  if (!_tonic_store_require (self, db, TONIC_ACTION_STAFF_MANAGE, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  txn.actor_id = get_actor_id (self);

  if (!request->active && request->staff_id == txn.actor_id)
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("You cannot deactivate your own account"));
      return;
    }

  if (!_tonic_store_transaction (db, set_staff_active_txn, &txn, &error))
    {
      g_clear_object (&txn.result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, txn.result, g_object_unref);
}

static gboolean
set_staff_password_txn (sqlite3  *db,
                        gpointer  user_data,
                        GError  **error)
{
  StaffTxn *txn = user_data;
  StaffData *request = txn->request;
  g_autoptr(TonicStaff) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *object_id = format_id (request->staff_id);

  current = read_staff (db, request->staff_id, error);
  if (current == NULL)
    return FALSE;

  stmt = _tonic_store_prepare (db,
                               "UPDATE staff SET password_hash = ?1, updated_at = ?2 WHERE id = ?3",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, request->password_hash, error) ||
      !_tonic_store_bind_text (db, stmt, 2, now, error) ||
      !_tonic_store_bind_int64 (db, stmt, 3, request->staff_id, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  return _tonic_store_append_audit (txn->store, db, txn->actor_id, "staff.password", 0, "staff",
                                    object_id, TONIC_AUDIT_OK,
                                    request->staff_id == txn->actor_id ? "own" : "reset",
                                    FALSE, error);
}

static void
set_staff_password_job (TonicStore *self,
                        sqlite3    *db,
                        GTask      *task,
                        gpointer    data)
{
  StaffData *request = data;
  g_autoptr(GError) error = NULL;
  StaffTxn txn = { self, request, 0, NULL, FALSE };
  gboolean allowed;

  /* One's own password needs no role; anyone else's needs STAFF_MANAGE. */
  txn.actor_id = get_actor_id (self);
  if (txn.actor_id != 0 && request->staff_id == txn.actor_id)
    allowed = _tonic_store_require_actor (self, db, "staff.password", &error);
  else
    allowed = _tonic_store_require (self, db, TONIC_ACTION_STAFF_MANAGE, NULL, &error);

  if (!allowed || !check_password_hash (request->password_hash, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!_tonic_store_transaction (db, set_staff_password_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Password of staff %" G_GINT64_FORMAT " changed", request->staff_id);
  g_task_return_boolean (task, TRUE);
}

/* -- Internal API ------------------------------------------------------------------ */

/* The first part of both checks below: the actor, signed in and still
 * active (its role read again from the staff table). Otherwise a denied
 * audit row named @audit_action, and NULL. */
static TonicStaff *
require_active_actor (TonicStore  *self,
                      sqlite3     *db,
                      const char  *audit_action,
                      TonicRole   *role,
                      GError     **error)
{
  g_autoptr(TonicStaff) actor = NULL;
  gboolean found = FALSE;
  gboolean active = FALSE;

  actor = tonic_store_dup_actor (self);

  if (actor == NULL)
    {
      audit_denial (self, db, 0, audit_action, "not signed in");
      set_not_signed_in (error);
      return NULL;
    }

  /* The role as it is now, not as it was at sign-in. */
  if (!read_role (db, tonic_staff_get_id (actor), &found, role, &active, error))
    return NULL;

  if (!found || !active)
    {
      _tonic_store_set_actor (self, NULL);
      audit_denial (self, db, found ? tonic_staff_get_id (actor) : 0, audit_action,
                    "account inactive");
      set_not_signed_in (error);
      return NULL;
    }

  return g_steal_pointer (&actor);
}

gboolean
_tonic_store_require (TonicStore   *self,
                      sqlite3      *db,
                      TonicAction   action,
                      gboolean     *emergency,
                      GError      **error)
{
  g_autoptr(TonicStaff) actor = NULL;
  g_autofree char *detail = NULL;
  const char *action_name;
  TonicRole role;

  g_assert (TONIC_IS_STORE (self));
  g_assert (db != NULL);
  g_assert ((guint) action < TONIC_N_ACTIONS);

  if (emergency != NULL)
    *emergency = FALSE;

  action_name = tonic_action_to_string (action);
  actor = require_active_actor (self, db, action_name, &role, error);
  if (actor == NULL)
    return FALSE;

  if (tonic_permission_allows (role, action))
    return TRUE;

  if (tonic_store_get_emergency (self) && tonic_permission_allows_in_emergency (action))
    {
      if (emergency != NULL)
        *emergency = TRUE;
      return TRUE;
    }

  detail = g_strdup_printf ("role: %s", tonic_role_to_string (role));
  audit_denial (self, db, tonic_staff_get_id (actor), action_name, detail);
  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED,
                       describe_denial (action));

  return FALSE;
}

gboolean
_tonic_store_require_actor (TonicStore  *self,
                            sqlite3     *db,
                            const char  *audit_action,
                            GError     **error)
{
  g_autoptr(TonicStaff) actor = NULL;
  TonicRole role;

  g_assert (TONIC_IS_STORE (self));
  g_assert (db != NULL);
  g_assert (audit_action != NULL);

  actor = require_active_actor (self, db, audit_action, &role, error);

  return actor != NULL;
}

void
_tonic_store_set_throttle_base_ms_for_testing (guint base_ms)
{
  g_atomic_int_set (&throttle_base_ms, base_ms != 0 ? (gint) MIN (base_ms, G_MAXINT / 64)
                                                    : THROTTLE_BASE_MS);
}

void
_tonic_store_set_clock_for_testing (TonicStoreClockFunc clock)
{
  g_atomic_pointer_set (&throttle_clock, clock);
}

guint64
_tonic_store_get_sign_in_wait_ms (TonicStore *self,
                                  const char *username)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (TONIC_IS_STORE (self), 0);
  g_return_val_if_fail (username != NULL, 0);

  key = tonic_staff_normalize_username (username);

  return get_remaining_ms (self, key);
}

/* -- Public API -------------------------------------------------------------------- */

void
tonic_store_sign_in_async (TonicStore          *self,
                           const char          *username,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  SignInData *sign_in;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  sign_in = g_new0 (SignInData, 1);
  sign_in->username = g_strdup (username);
  sign_in->password = g_strdup (password);

  _tonic_store_run_async (self, sign_in_job, sign_in, sign_in_data_free,
                          tonic_store_sign_in_async, cancellable, callback, user_data);
}

TonicStaff *
tonic_store_sign_in_finish (TonicStore    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_sign_in_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
tonic_store_get_sign_in_wait (TonicStore *self,
                              const char *username)
{
  guint64 remaining;

  g_return_val_if_fail (TONIC_IS_STORE (self), 0);
  g_return_val_if_fail (username != NULL, 0);

  remaining = _tonic_store_get_sign_in_wait_ms (self, username);

  return (guint) MIN ((remaining + 999) / 1000, G_MAXUINT);
}

void
tonic_store_sign_out_async (TonicStore          *self,
                            TonicSignOutReason   reason,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (reason == TONIC_SIGN_OUT_USER || reason == TONIC_SIGN_OUT_LOCK ||
                    reason == TONIC_SIGN_OUT_IDLE);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, sign_out_job, GINT_TO_POINTER (reason), NULL,
                          tonic_store_sign_out_async, cancellable, callback, user_data);
}

gboolean
tonic_store_sign_out_finish (TonicStore    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_sign_out_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_check_async (TonicStore          *self,
                         TonicAction          action,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  CheckData *check;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail ((guint) action < TONIC_N_ACTIONS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  check = g_new0 (CheckData, 1);
  check->action = action;

  _tonic_store_run_async (self, check_job, check, g_free, tonic_store_check_async,
                          cancellable, callback, user_data);
}

gboolean
tonic_store_check_finish (TonicStore    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_check_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_begin_emergency_async (TonicStore          *self,
                                   const char          *reason,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (reason != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, begin_emergency_job, g_strdup (reason), g_free,
                          tonic_store_begin_emergency_async, cancellable, callback, user_data);
}

gboolean
tonic_store_begin_emergency_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_begin_emergency_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_get_setting_async (TonicStore          *self,
                               const char          *name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SettingData *setting;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  setting = g_new0 (SettingData, 1);
  setting->name = g_strdup (name);

  _tonic_store_run_async (self, get_setting_job, setting, setting_data_free,
                          tonic_store_get_setting_async, cancellable, callback, user_data);
}

char *
tonic_store_get_setting_finish (TonicStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_get_setting_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_set_setting_async (TonicStore          *self,
                               const char          *name,
                               const char          *value,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  SettingData *setting;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (value != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  setting = g_new0 (SettingData, 1);
  setting->name = g_strdup (name);
  setting->value = g_strdup (value);

  _tonic_store_run_async (self, set_setting_job, setting, setting_data_free,
                          tonic_store_set_setting_async, cancellable, callback, user_data);
}

gboolean
tonic_store_set_setting_finish (TonicStore    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_set_setting_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_list_staff_async (TonicStore          *self,
                              gboolean             include_inactive,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  StaffData *request;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (StaffData, 1);
  request->include_inactive = !!include_inactive;

  _tonic_store_run_async (self, list_staff_job, request, staff_data_free,
                          tonic_store_list_staff_async, cancellable, callback, user_data);
}

GPtrArray *
tonic_store_list_staff_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_list_staff_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_list_colleagues_async (TonicStore          *self,
                                   TonicAction          action,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  StaffData *request;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail ((guint) action < TONIC_N_ACTIONS);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (StaffData, 1);
  request->colleagues = TRUE;
  request->able_to = action;

  _tonic_store_run_async (self, list_staff_job, request, staff_data_free,
                          tonic_store_list_colleagues_async, cancellable, callback, user_data);
}

GPtrArray *
tonic_store_list_colleagues_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result,
                                                tonic_store_list_colleagues_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_add_staff_async (TonicStore          *self,
                             const char          *username,
                             const char          *display_name,
                             TonicRole            role,
                             const char          *password_hash,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  StaffData *request;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (display_name != NULL);
  g_return_if_fail ((guint) role < TONIC_N_ROLES);
  g_return_if_fail (password_hash != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (StaffData, 1);
  request->username = g_strdup (username);
  request->display_name = g_strdup (display_name);
  request->role = role;
  request->password_hash = g_strdup (password_hash);

  _tonic_store_run_async (self, add_staff_job, request, staff_data_free,
                          tonic_store_add_staff_async, cancellable, callback, user_data);
}

TonicStaff *
tonic_store_add_staff_finish (TonicStore    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_add_staff_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_update_staff_async (TonicStore          *self,
                                gint64               staff_id,
                                const char          *display_name,
                                TonicRole            role,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  StaffData *request;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (staff_id > 0);
  g_return_if_fail (display_name != NULL);
  g_return_if_fail ((guint) role < TONIC_N_ROLES);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (StaffData, 1);
  request->staff_id = staff_id;
  request->display_name = g_strdup (display_name);
  request->role = role;

  _tonic_store_run_async (self, update_staff_job, request, staff_data_free,
                          tonic_store_update_staff_async, cancellable, callback, user_data);
}

TonicStaff *
tonic_store_update_staff_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_update_staff_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_set_staff_active_async (TonicStore          *self,
                                    gint64               staff_id,
                                    gboolean             active,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  StaffData *request;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (staff_id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (StaffData, 1);
  request->staff_id = staff_id;
  request->active = !!active;

  _tonic_store_run_async (self, set_staff_active_job, request, staff_data_free,
                          tonic_store_set_staff_active_async, cancellable, callback, user_data);
}

TonicStaff *
tonic_store_set_staff_active_finish (TonicStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_set_staff_active_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_set_staff_password_async (TonicStore          *self,
                                      gint64               staff_id,
                                      const char          *password_hash,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  StaffData *request;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (staff_id > 0);
  g_return_if_fail (password_hash != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (StaffData, 1);
  request->staff_id = staff_id;
  request->password_hash = g_strdup (password_hash);

  _tonic_store_run_async (self, set_staff_password_job, request, staff_data_free,
                          tonic_store_set_staff_password_async, cancellable, callback,
                          user_data);
}

gboolean
tonic_store_set_staff_password_finish (TonicStore    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result,
                                                tonic_store_set_staff_password_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
