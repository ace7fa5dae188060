/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-practice-dir"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tonic-password.h"
#include "tonic-practice-dir.h"
#include "tonic-text.h"
#include "tonic-vault-error.h"

#define DB_NAME       "practice.db"
#define SLOTS_NAME    "practice.keys"
#define CREATING_STEM ".creating-"

struct _TonicPracticeDir
{
  GObject parent_instance;

  char          *path;
  TonicKeySlots *slots;
  /* Serializes changes and saves of the slot file. */
  GMutex         update_lock;
};

G_DEFINE_FINAL_TYPE (TonicPracticeDir, tonic_practice_dir, G_TYPE_OBJECT)

static TonicPracticeDir *
practice_dir_new (const char    *path,
                  TonicKeySlots *slots)
{
  TonicPracticeDir *self = g_object_new (TONIC_TYPE_PRACTICE_DIR, NULL);

  self->path = g_strdup (path);
  self->slots = g_object_ref (slots);

  return self;
}

static gboolean
fsync_directory (const char  *path,
                 GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the folder “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

/* Removes a directory this module made, with the files in it. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static gboolean
ensure_private_dir (const char  *path,
                    GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_chmod (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not protect the folder “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Runs an async store call to completion on this (worker) thread. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} SyncCall;

static void
on_sync_call_ready (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SyncCall *call = user_data;

  call->result = g_object_ref (result);
}

static GAsyncResult *
sync_call_wait (SyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  return call->result;
}

/* Locating */

typedef struct
{
  char *data_dir;
  char *preferred_id;
} LocateData;

static void
locate_data_free (LocateData *data)
{
  g_free (data->data_dir);
  g_free (data->preferred_id);
  g_free (data);
}

static void
locate_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LocateData *data = task_data;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) slots_file = NULL;
  g_autoptr(TonicKeySlots) slots = NULL;
  const char *chosen = NULL;
  const char *name;

  dir = g_dir_open (data->data_dir, 0, &error);
  if (dir == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("Could not read the data folder “%s”: %s"),
                                 data->data_dir, error->message);
      return;
    }

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (data->data_dir, name, NULL);
      g_autofree char *keys = NULL;

      if (g_str_has_prefix (name, CREATING_STEM))
        {
          /* A setup that never finished: it never held a practice. */
          remove_tree (path);
          continue;
        }

      keys = g_build_filename (path, SLOTS_NAME, NULL);
      if (name[0] != '.' && g_file_test (keys, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (candidates, g_strdup (name));
    }

  if (candidates->len == 0)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_ptr_array_sort (candidates, (GCompareFunc) g_strcmp0);
  chosen = g_ptr_array_index (candidates, 0);
  if (data->preferred_id != NULL)
    {
      for (guint i = 0; i < candidates->len; i++)
        if (g_str_equal (g_ptr_array_index (candidates, i), data->preferred_id))
          chosen = g_ptr_array_index (candidates, i);
    }

  {
    g_autofree char *path = g_build_filename (data->data_dir, chosen, NULL);
    g_autofree char *keys = g_build_filename (path, SLOTS_NAME, NULL);

    slots_file = g_file_new_for_path (keys);
    slots = tonic_key_slots_load (slots_file, &error);
    if (slots == NULL)
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }

    g_task_return_pointer (task, practice_dir_new (path, slots), g_object_unref);
  }
}

void
tonic_practice_dir_locate_async (const char          *data_dir,
                                 const char          *preferred_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LocateData *data;

  g_return_if_fail (data_dir != NULL);

  data = g_new0 (LocateData, 1);
  data->data_dir = g_strdup (data_dir);
  data->preferred_id = (preferred_id && *preferred_id) ? g_strdup (preferred_id) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_practice_dir_locate_async);
  g_task_set_task_data (task, data, (GDestroyNotify) locate_data_free);
  g_task_run_in_thread (task, locate_thread);
}

TonicPracticeDir *
tonic_practice_dir_locate_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Opening */

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TonicPracticeDir *self = source_object;
  TonicKey *key = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  TonicStore *store;

  if (!tonic_key_slots_check_key (self->slots, key, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  db_path = tonic_practice_dir_get_db_path (self);
  store = tonic_store_open (db_path, key, TONIC_STORE_OPEN_KEY_VERIFIED, cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
tonic_practice_dir_open_async (TonicPracticeDir    *self,
                               TonicKey            *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TONIC_IS_PRACTICE_DIR (self));
  g_return_if_fail (key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_practice_dir_open_async);
  g_task_set_task_data (task, tonic_key_ref (key), (GDestroyNotify) tonic_key_unref);
  g_task_run_in_thread (task, open_thread);
}

TonicStore *
tonic_practice_dir_open_finish (TonicPracticeDir  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Updating the key-slot file */

typedef enum
{
  UPDATE_SET_STAFF,
  UPDATE_REMOVE_STAFF,
  UPDATE_AUDIT_HEAD,
} UpdateKind;

typedef struct
{
  UpdateKind  kind;
  TonicKey   *key;
  char       *staff_uuid;
  char       *username;
  char       *password;
  gint64      sequence;
  char       *hash;
} UpdateData;

static void
update_data_free (UpdateData *data)
{
  g_clear_pointer (&data->key, tonic_key_unref);
  g_free (data->staff_uuid);
  g_free (data->username);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->hash);
  g_free (data);
}

static void
update_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TonicPracticeDir *self = source_object;
  UpdateData *data = task_data;
  g_autoptr(GFile) file = tonic_practice_dir_get_slots_file (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&self->update_lock);

  switch (data->kind)
    {
    case UPDATE_SET_STAFF:
      ok = tonic_key_slots_set_staff (self->slots, data->key, data->staff_uuid, data->username,
                                      data->password, &error);
      break;
    case UPDATE_REMOVE_STAFF:
      tonic_key_slots_remove_staff (self->slots, data->staff_uuid);
      break;
    case UPDATE_AUDIT_HEAD:
      {
        gint64 recorded = 0;
        const char *recorded_hash = NULL;

        /* Heads only move forward; a late, older one changes nothing. */
        if (tonic_key_slots_get_audit_head (self->slots, &recorded, &recorded_hash) &&
            recorded >= data->sequence)
          {
            g_mutex_unlock (&self->update_lock);
            g_task_return_boolean (task, TRUE);
            return;
          }
        tonic_key_slots_set_audit_head (self->slots, data->sequence, data->hash);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    ok = tonic_key_slots_save (self->slots, file, &error);

  g_mutex_unlock (&self->update_lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
run_update (TonicPracticeDir    *self,
            UpdateData          *data,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, run_update);
  g_task_set_task_data (task, data, (GDestroyNotify) update_data_free);
  /* Saves must not be abandoned halfway by a cancellation. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, update_thread);
}

void
tonic_practice_dir_set_staff_slot_async (TonicPracticeDir    *self,
                                         TonicKey            *key,
                                         const char          *staff_uuid,
                                         const char          *username,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  UpdateData *data;

  g_return_if_fail (TONIC_IS_PRACTICE_DIR (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (staff_uuid != NULL && username != NULL && password != NULL);

  data = g_new0 (UpdateData, 1);
  data->kind = UPDATE_SET_STAFF;
  data->key = tonic_key_ref (key);
  data->staff_uuid = g_strdup (staff_uuid);
  data->username = tonic_staff_normalize_username (username);
  data->password = g_strdup (password);
  run_update (self, data, cancellable, callback, user_data);
}

void
tonic_practice_dir_remove_staff_slot_async (TonicPracticeDir    *self,
                                            const char          *staff_uuid,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  UpdateData *data;

  g_return_if_fail (TONIC_IS_PRACTICE_DIR (self));
  g_return_if_fail (staff_uuid != NULL);

  data = g_new0 (UpdateData, 1);
  data->kind = UPDATE_REMOVE_STAFF;
  data->staff_uuid = g_strdup (staff_uuid);
  run_update (self, data, cancellable, callback, user_data);
}

void
tonic_practice_dir_record_audit_head_async (TonicPracticeDir    *self,
                                            gint64               sequence,
                                            const char          *hash,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  UpdateData *data;

  g_return_if_fail (TONIC_IS_PRACTICE_DIR (self));
  g_return_if_fail (sequence > 0 && hash != NULL);

  data = g_new0 (UpdateData, 1);
  data->kind = UPDATE_AUDIT_HEAD;
  data->sequence = sequence;
  data->hash = g_strdup (hash);
  run_update (self, data, cancellable, callback, user_data);
}

gboolean
tonic_practice_dir_update_finish (TonicPracticeDir  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Creating */

typedef struct
{
  char     *data_dir;
  char     *practice_name;
  char     *admin_name;
  char     *admin_username;
  char     *admin_password;
  char     *recovery_key;
  TonicKey *key;

  TonicPracticeDir *created;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->data_dir);
  g_free (data->practice_name);
  g_free (data->admin_name);
  g_free (data->admin_username);
  /* Secrets are overwritten before they go back to the allocator. */
  if (data->admin_password)
    memset (data->admin_password, 0, strlen (data->admin_password));
  g_free (data->admin_password);
  if (data->recovery_key)
    memset (data->recovery_key, 0, strlen (data->recovery_key));
  g_free (data->recovery_key);
  g_clear_pointer (&data->key, tonic_key_unref);
  g_clear_object (&data->created);
  g_free (data);
}

static TonicStore *
create_practice_files (CreateData    *data,
                       const char    *work_dir,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *practice_id = g_uuid_string_random ();
  g_autofree char *admin_id = g_uuid_string_random ();
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *final_dir = g_build_filename (data->data_dir, practice_id, NULL);
  g_autofree char *work_db = g_build_filename (work_dir, DB_NAME, NULL);
  g_autofree char *work_keys = g_build_filename (work_dir, SLOTS_NAME, NULL);
  g_autofree char *final_db = g_build_filename (final_dir, DB_NAME, NULL);
  g_autofree char *password_hash = NULL;
  g_autofree char *username = tonic_staff_normalize_username (data->admin_username);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(TonicKeySlots) slots = NULL;
  g_autoptr(TonicPractice) practice = NULL;
  g_autoptr(TonicStaff) admin = NULL;
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GFile) keys_file = NULL;
  SyncCall call = { context, NULL };
  gboolean created;

  if (!ensure_private_dir (work_dir, error))
    return NULL;

  /* The key slots first: Argon2id is the slow part. */
  slots = tonic_key_slots_new (practice_id, data->key);
  if (!tonic_key_slots_set_recovery (slots, data->key, data->recovery_key, error) ||
      !tonic_key_slots_set_staff (slots, data->key, admin_id, username,
                                  data->admin_password, error))
    return NULL;

  password_hash = tonic_password_hash (data->admin_password, error);
  if (password_hash == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  store = tonic_store_open (work_db, data->key, TONIC_STORE_OPEN_CREATE, cancellable, error);
  if (store == NULL)
    return NULL;

  practice = tonic_practice_new (practice_id, data->practice_name, now);
  admin = tonic_staff_new (0, admin_id, username, data->admin_name,
                           TONIC_ROLE_ADMIN, password_hash, TRUE);

  g_main_context_push_thread_default (context);
  tonic_store_create_practice_async (store, practice, admin, cancellable,
                                     on_sync_call_ready, &call);
  created = tonic_store_create_practice_finish (store, sync_call_wait (&call), error);
  g_main_context_pop_thread_default (context);
  g_clear_object (&call.result);
  tonic_store_close (store);
  g_clear_object (&store);
  if (!created)
    return NULL;

  keys_file = g_file_new_for_path (work_keys);
  if (!tonic_key_slots_save (slots, keys_file, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The practice exists from this rename on, whole. */
  if (g_rename (work_dir, final_dir) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the practice folder: %s"), g_strerror (saved_errno));
      return NULL;
    }

  if (!fsync_directory (data->data_dir, error))
    return NULL;

  data->created = practice_dir_new (final_dir, slots);

  return tonic_store_open (final_db, data->key, TONIC_STORE_OPEN_KEY_VERIFIED, NULL, error);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  g_autofree char *work_dir = NULL;
  g_autofree char *suffix = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;
  TonicStore *store;

  if (!ensure_private_dir (data->data_dir, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  work_dir = g_strconcat (data->data_dir, G_DIR_SEPARATOR_S, CREATING_STEM, suffix, NULL);
  store = create_practice_files (data, work_dir, cancellable, &error);
  if (store == NULL)
    {
      remove_tree (work_dir);
      if (data->created != NULL)
        {
          /* Renamed into place but could not be reopened: it is whole, and
           * the next start opens it, so it stays. */
          g_clear_object (&data->created);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, store, g_object_unref);
}

void
tonic_practice_dir_create_async (const char               *data_dir,
                                 const TonicPracticeDraft *draft,
                                 TonicKey                 *key,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  CreateData *data;

  g_return_if_fail (data_dir != NULL);
  g_return_if_fail (draft != NULL);
  g_return_if_fail (key != NULL);

  data = g_new0 (CreateData, 1);
  data->data_dir = g_strdup (data_dir);
  data->practice_name = tonic_text_strip (draft->practice_name);
  data->admin_name = tonic_text_strip (draft->admin_name);
  data->admin_username = g_strdup (draft->admin_username);
  data->admin_password = g_strdup (draft->admin_password);
  data->recovery_key = g_strdup (draft->recovery_key);
  data->key = tonic_key_ref (key);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_practice_dir_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

TonicStore *
tonic_practice_dir_create_finish (GAsyncResult      *result,
                                  TonicPracticeDir **out_dir,
                                  GError           **error)
{
  CreateData *data;
  TonicStore *store;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  store = g_task_propagate_pointer (G_TASK (result), error);
  if (store != NULL && out_dir != NULL)
    *out_dir = g_object_ref (data->created);

  return store;
}

/* The object */

static void
tonic_practice_dir_finalize (GObject *object)
{
  TonicPracticeDir *self = (TonicPracticeDir *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->slots);
  g_mutex_clear (&self->update_lock);

  G_OBJECT_CLASS (tonic_practice_dir_parent_class)->finalize (object);
}

static void
tonic_practice_dir_class_init (TonicPracticeDirClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tonic_practice_dir_finalize;
}

static void
tonic_practice_dir_init (TonicPracticeDir *self)
{
  g_mutex_init (&self->update_lock);
}

char *
tonic_practice_dir_get_default_data_dir (void)
{
  const char *override = g_getenv ("TONIC_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_strdup (override);

  return g_build_filename (g_get_user_data_dir (), "tonic", NULL);
}

const char *
tonic_practice_dir_get_path (TonicPracticeDir *self)
{
  g_return_val_if_fail (TONIC_IS_PRACTICE_DIR (self), NULL);
  return self->path;
}

const char *
tonic_practice_dir_get_id (TonicPracticeDir *self)
{
  g_return_val_if_fail (TONIC_IS_PRACTICE_DIR (self), NULL);
  return tonic_key_slots_get_practice_id (self->slots);
}

char *
tonic_practice_dir_get_db_path (TonicPracticeDir *self)
{
  g_return_val_if_fail (TONIC_IS_PRACTICE_DIR (self), NULL);
  return g_build_filename (self->path, DB_NAME, NULL);
}

GFile *
tonic_practice_dir_get_slots_file (TonicPracticeDir *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (TONIC_IS_PRACTICE_DIR (self), NULL);

  path = g_build_filename (self->path, SLOTS_NAME, NULL);
  return g_file_new_for_path (path);
}

TonicKeySlots *
tonic_practice_dir_get_slots (TonicPracticeDir *self)
{
  g_return_val_if_fail (TONIC_IS_PRACTICE_DIR (self), NULL);
  return self->slots;
}
