/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixmounts.h>
#include <sodium.h>

#include "tonic-store-private.h"

/* How the store works
 *
 * Each TonicStore has one worker thread that owns the only sqlite3
 * connection; nothing else ever touches it. Public _async functions wrap
 * their work in a Job carrying a GTask and push it on a GAsyncQueue; the
 * worker pops jobs in order, runs them, and finishes their tasks, whose
 * callbacks then run in the caller's main context.
 *
 * Opening an existing file classifies it before anything can write to it:
 * plain checks of the bytes (missing, empty, plain SQLite, cut short), then
 * a read-only, immutable connection that reads the schema version with the
 * key. Only a file that passes is opened read-write, configured and
 * migrated. */

/* Every ordinary SQLite file starts with these 16 bytes; a SQLCipher file
 * starts with its random salt instead. */
static const char sqlite_plain_header[16] = "SQLite format 3";

/* The smallest sensible database file: SQLite's smallest page. */
#define MIN_DATABASE_SIZE 1024

#define BUSY_TIMEOUT_MS   5000

/* How many virtual-machine steps between two looks at the cancellable. */
#define PROGRESS_STEPS    1000

#define FUSE_SUPER_MAGIC  0x65735546u

typedef enum
{
  JOB_OPEN,
  JOB_RUN,
  JOB_CLOSE,
} JobKind;

typedef struct
{
  JobKind            kind;
  TonicStoreJobFunc  func;
  GTask             *task;
} Job;

/* What the worker thread owns. It is separate from the TonicStore (and
 * holds its own reference to the queue) because the store may be disposed
 * on the worker itself when a job drops the last reference. */
typedef struct
{
  GAsyncQueue  *queue;
  sqlite3      *db;
  GCancellable *cancellable;  /* the running job's */
} Worker;

typedef struct
{
  TonicStore          *store;
  TonicKey            *key;
  TonicStoreOpenFlags  flags;
} OpenData;

struct _TonicStore
{
  GObject      parent_instance;

  char        *path;
  int          schema_version;  /* atomic: written by the worker */

  GMutex       lock;            /* guards the three fields below */
  GAsyncQueue *queue;           /* of Job *, shared with the worker */
  GThread     *thread;
  gboolean     closed;

  /* Where "audit-appended" is emitted: the thread-default main context of
   * whoever opened the store. */
  GMainContext *context;

  GMutex       actor_lock;      /* guards the two fields below */
  TonicStaff  *actor;           /* signed in; set on the worker */
  gboolean     emergency;

  GMutex       throttle_lock;
  GHashTable  *throttle;        /* normalized username → failures */

  /* Worker thread only: the audit head last announced, and whether the
   * running job appended rows. */
  gboolean     audit_appended;
  gint64       announced_sequence;
  char        *announced_hash;
};

typedef struct
{
  GWeakRef  store;
  gint64    sequence;
  char     *hash;
} Announcement;

G_DEFINE_FINAL_TYPE (TonicStore, tonic_store, G_TYPE_OBJECT)

enum {
  AUDIT_APPENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* -- Jobs -------------------------------------------------------------------- */

static Job *
job_new (JobKind            kind,
         TonicStoreJobFunc  func,
         GTask             *task)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->func = func;
  job->task = task != NULL ? g_object_ref (task) : NULL;

  return job;
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->task);
  g_free (job);
}

static void
open_data_free (gpointer data)
{
  OpenData *open_data = data;

  g_clear_object (&open_data->store);
  g_clear_pointer (&open_data->key, tonic_key_unref);
  g_free (open_data);
}

static gboolean
push_job (TonicStore *self,
          Job        *job)
{
  gboolean pushed = FALSE;

  g_mutex_lock (&self->lock);
  if (!self->closed)
    {
      g_async_queue_push (self->queue, job);
      pushed = TRUE;
    }
  g_mutex_unlock (&self->lock);

  if (!pushed)
    job_free (job);

  return pushed;
}

static void
announcement_free (gpointer data)
{
  Announcement *announcement = data;

  g_weak_ref_clear (&announcement->store);
  g_free (announcement->hash);
  g_free (announcement);
}

static void
return_closed (GTask *task)
{
  g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CLOSED,
                           _("The practice’s database is closed"));
}

/* -- File checks (worker thread) ---------------------------------------------- */

static char *
lookup_fs_type_name (const char *path)
{
  GUnixMountEntry *entry;
  char *name = NULL;

  entry = g_unix_mount_for (path, NULL);
  if (entry != NULL)
    {
      name = g_strdup (g_unix_mount_get_fs_type (entry));
      g_unix_mount_free (entry);
    }

  return name;
}

static gboolean
check_file_system (const char          *path,
                   const struct statfs *sfs,
                   GError             **error)
{
  g_autofree char *type_name = NULL;
  guint32 f_type = (guint32) sfs->f_type;

  /* FUSE says nothing about where the data is: ask the mount table. */
  if (f_type == FUSE_SUPER_MAGIC)
    type_name = lookup_fs_type_name (path);

  if (_tonic_store_is_network_fs (f_type, type_name))
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NETWORK_FS,
                   _("“%s” is on a network or shared file system. Tonic keeps "
                     "the practice’s database on a disk of this computer only."),
                   path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_database_file (const char  *path,
                      GError     **error)
{
  int fd;
  int saved_errno;

  /* Made here, not by SQLite, so that it is new (O_EXCL: never a file that
   * was already there) and 0600 from its first moment; SQLite then gives
   * the -wal and -shm files the database file's mode. */
  fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);
  if (fd < 0)
    {
      saved_errno = errno;

      if (saved_errno == EEXIST)
        g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS,
                     _("A file already exists at “%s”; a new practice needs a new file"),
                     path);
      else
        g_set_error (error, TONIC_STORE_ERROR,
                     saved_errno == ENOSPC ? TONIC_STORE_ERROR_FULL : TONIC_STORE_ERROR_IO,
                     _("Could not create the database file “%s”: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The umask can only take bits away, but it may take too many. */
  if (fchmod (fd, 0600) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (path);
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_IO,
                   _("Could not create the database file “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);

  return TRUE;
}

static void
remove_created_files (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      g_unlink (companion);
    }

  g_unlink (path);
}

static gssize
read_header (int     fd,
             guint8 *buf,
             gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = read (fd, buf + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;

      done += n;
    }

  return done;
}

/* The checks that need no key, reading only. */
static gboolean
inspect_existing_file (const char  *path,
                       GError     **error)
{
  guint8 header[sizeof sqlite_plain_header];
  struct statfs sfs;
  struct stat st;
  gssize n_read;
  int saved_errno;
  int fd;

  /* O_NONBLOCK: a FIFO must not hang the worker. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                     _("There is no database file at “%s”"), path);
      else
        g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_IO,
                     _("Could not read the database file “%s”: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || fstatfs (fd, &sfs) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_IO,
                   _("Could not read the database file “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!check_file_system (path, &sfs, error))
    {
      close (fd);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a database file"), path);
      return FALSE;
    }

  if (st.st_size == 0)
    {
      close (fd);
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_A_DATABASE,
                   _("The database file “%s” is empty"), path);
      return FALSE;
    }

  n_read = read_header (fd, header, sizeof header);
  saved_errno = errno;
  close (fd);

  if (n_read < 0)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_IO,
                   _("Could not read the database file “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (n_read == sizeof header &&
      memcmp (header, sqlite_plain_header, sizeof header) == 0)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is an unencrypted SQLite database, not a Tonic practice"),
                   path);
      return FALSE;
    }

  if (st.st_size < MIN_DATABASE_SIZE || st.st_size % TONIC_STORE_PAGE_SIZE != 0)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                   _("The database file is damaged: it is cut short "
                     "(%" G_GINT64_FORMAT " bytes is not a whole number of pages)"),
                   (gint64) st.st_size);
      return FALSE;
    }

  return TRUE;
}

/* -- Connections (worker thread) ------------------------------------------------ */

static int
on_progress (void *user_data)
{
  Worker *worker = user_data;

  /* Non-zero interrupts the running statement with SQLITE_INTERRUPT. */
  return worker->cancellable != NULL && g_cancellable_is_cancelled (worker->cancellable);
}

static int
apply_key (sqlite3  *db,
           TonicKey *key)
{
  char literal[TONIC_KEY_SQL_LITERAL_SIZE];
  int rc;

  /* Before the key: SQLCipher then keeps its copy of the key (and every
   * page it decrypts) in locked memory that it wipes when freed. The
   * setting is process-wide and cannot be turned off again. */
  rc = sqlite3_exec (db, "PRAGMA cipher_memory_security = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;

  /* The raw-key literal x'<64 hex>': SQLCipher uses it as the key itself,
   * with no PBKDF2 (sqlite3_key treats it as PRAGMA key does). */
  tonic_key_write_sql_literal (key, literal);
  rc = sqlite3_key (db, literal, (int) strlen (literal));
  sodium_memzero (literal, sizeof literal);
  if (rc != SQLITE_OK)
    return rc;

  /* Pin SQLCipher 4's settings (4096-byte pages, HMAC-SHA512, …) so that a
   * later SQLCipher with other defaults still reads the file. */
  return sqlite3_exec (db, "PRAGMA cipher_compatibility = 4", NULL, NULL, NULL);
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          rc = SQLITE_ERROR;
        }
    }

  sqlite3_finalize (stmt);

  return rc;
}

/* For a first read that failed. */
static void
set_unreadable_error (GError              **error,
                      sqlite3              *db,
                      int                   rc,
                      TonicStoreOpenFlags   flags)
{
  if ((rc & 0xff) != SQLITE_NOTADB)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the database"));
      return;
    }

  /* The first page's HMAC did not verify. SQLCipher cannot say why: a
   * wrong key, a damaged first page and random bytes all look the same.
   * Only the key-slot file's key check can tell them apart. */
  if (flags & TONIC_STORE_OPEN_KEY_VERIFIED)
    g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                         _("The database file is damaged: its first page does not "
                           "decrypt with the practice’s key"));
  else
    g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_WRONG_KEY,
                         _("This key does not open the database: it was made with "
                           "another key, or it is damaged or not a Tonic database"));
}

/* Reads the schema version with the key on a connection that cannot write.
 * With no -wal file the database file alone holds every committed change,
 * so it is opened immutable: then SQLite creates no -wal or -shm either (a
 * merely read-only connection would, and leave them behind). With a -wal
 * (a crash, or another connection) its frames count, so it is read too. */
static gboolean
check_readable (const char           *path,
                const char           *uri,
                TonicKey             *key,
                TonicStoreOpenFlags   flags,
                GError              **error)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *ro_uri = NULL;
  sqlite3 *db = NULL;
  gboolean ret = FALSE;
  int n_objects = 0;
  int version = 0;
  int rc;

  ro_uri = g_strconcat (uri,
                        g_file_test (wal_path, G_FILE_TEST_EXISTS)
                          ? "?mode=ro" : "?mode=ro&immutable=1",
                        NULL);

  rc = sqlite3_open_v2 (ro_uri, &db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, _("Could not open the database"));
      goto out;
    }

  sqlite3_extended_result_codes (db, 1);

  rc = apply_key (db, key);
  if (rc == SQLITE_OK)
    rc = query_int (db, "PRAGMA user_version", &version);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    {
      set_unreadable_error (error, db, rc, flags);
      goto out;
    }

  if (!_tonic_store_check_version (version, error))
    goto out;

  ret = TRUE;

out:
  sqlite3_close (db);
  return ret;
}

static gboolean
set_journal_mode_wal (sqlite3  *db,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *mode;
  int rc;

  stmt = _tonic_store_prepare (db, "PRAGMA journal_mode = WAL", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, _("Could not turn on write-ahead logging"));
      return FALSE;
    }

  /* SQLite answers with the mode in force, which stays the old one when
   * the file system cannot do WAL. */
  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_IO,
                   _("Could not turn on write-ahead logging (the journal mode stays “%s”)"),
                   mode != NULL ? mode : "");
      return FALSE;
    }

  return TRUE;
}

/* The read-write connection: key, check, settings, migrations. */
static sqlite3 *
open_connection (Worker               *worker,
                 const char           *uri,
                 TonicKey             *key,
                 TonicStoreOpenFlags   flags,
                 int                  *version,
                 GError              **error)
{
  g_autofree char *rw_uri = g_strconcat (uri, "?mode=rw", NULL);
  sqlite3 *db = NULL;
  int n_objects = 0;
  int rc;

  /* No SQLITE_OPEN_CREATE: the file exists (it was made above, when new). */
  rc = sqlite3_open_v2 (rw_uri, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, _("Could not open the database"));
      goto failed;
    }

  sqlite3_extended_result_codes (db, 1);

  rc = apply_key (db, key);
  if (rc == SQLITE_OK)
    rc = query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects);
  if (rc != SQLITE_OK)
    {
      set_unreadable_error (error, db, rc, flags);
      goto failed;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_progress_handler (db, PROGRESS_STEPS, on_progress, worker);

  if (!set_journal_mode_wal (db, error))
    goto failed;

  if (!_tonic_store_exec (db,
                          "PRAGMA synchronous = FULL;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA secure_delete = ON;"
                          "PRAGMA temp_store = MEMORY;"
                          /* 32 MiB of page cache: a 100,000-patient search
                           * stays in memory (tests/bench-patients). */
                          "PRAGMA cache_size = -32768;",
                          error))
    goto failed;

  if (!_tonic_store_migrate (db, version, error))
    goto failed;

  return db;

failed:
  sqlite3_close (db);
  return NULL;
}

static sqlite3 *
open_database (Worker               *worker,
               const char           *path,
               TonicKey             *key,
               TonicStoreOpenFlags   flags,
               int                  *version,
               GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  gboolean created = FALSE;
  sqlite3 *db;

  /* A URI, so that no file name is ever taken for options. */
  uri = g_filename_to_uri (path, NULL, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"), path, local_error->message);
      return NULL;
    }

  if (flags & TONIC_STORE_OPEN_CREATE)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      struct statfs sfs;

      if (statfs (dir, &sfs) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_IO,
                       _("Could not use the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }

      if (!check_file_system (dir, &sfs, error) ||
          !create_database_file (path, error))
        return NULL;

      created = TRUE;
    }
  else
    {
      if (!inspect_existing_file (path, error) ||
          !check_readable (path, uri, key, flags, error))
        return NULL;
    }

  db = open_connection (worker, uri, key, flags, version, error);

  /* Leave no half-made practice behind: the next attempt starts afresh. */
  if (db == NULL && created)
    remove_created_files (path);

  return db;
}

/* -- The worker thread ------------------------------------------------------------ */

static void
worker_open (Worker *worker,
             GTask  *task)
{
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  int version = 0;

  g_assert (worker->db == NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  worker->cancellable = g_task_get_cancellable (task);
  db = open_database (worker, data->store->path, data->key, data->flags, &version, &error);
  worker->cancellable = NULL;

  if (db == NULL)
    {
      g_debug ("Could not open %s: %s", data->store->path, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  worker->db = db;
  g_atomic_int_set (&data->store->schema_version, version);
  g_debug ("Opened %s at schema version %d", data->store->path, version);

  /* Announced from here on: only what is appended after this. A database
   * whose trail cannot be read opens all the same (the audit calls report
   * the damage, and tests use schemas without a trail). */
  if (!_tonic_store_read_audit_head (db, &data->store->announced_sequence,
                                     &data->store->announced_hash, &error))
    {
      g_debug ("No audit head at open: %s", error->message);
      g_clear_error (&error);
    }

  g_task_return_pointer (task, g_object_ref (data->store), g_object_unref);
}

static gboolean
emit_audit_appended (gpointer user_data)
{
  Announcement *announcement = user_data;
  g_autoptr(TonicStore) self = g_weak_ref_get (&announcement->store);

  if (self != NULL)
    g_signal_emit (self, signals[AUDIT_APPENDED], 0,
                   announcement->sequence, announcement->hash);

  return G_SOURCE_REMOVE;
}

/* After a job that appended audit rows: when its commit changed the head,
 * tell the store's main context (an idle source there, so that the signal
 * never runs on the worker). A rolled-back append leaves the head as it
 * was, and nothing is announced. */
static void
announce_audit_head (TonicStore *self,
                     sqlite3    *db)
{
  g_autoptr(GSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  Announcement *announcement;
  gint64 sequence = 0;

  if (!_tonic_store_read_audit_head (db, &sequence, &hash, &error))
    {
      g_warning ("Could not read the audit head: %s", error->message);
      return;
    }

  if (sequence == self->announced_sequence && g_strcmp0 (hash, self->announced_hash) == 0)
    return;

  self->announced_sequence = sequence;
  g_free (self->announced_hash);
  self->announced_hash = g_strdup (hash);

  announcement = g_new0 (Announcement, 1);
  g_weak_ref_init (&announcement->store, self);
  announcement->sequence = sequence;
  announcement->hash = g_steal_pointer (&hash);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[tonic] audit-appended");
  g_source_set_callback (source, emit_audit_appended, announcement, announcement_free);
  g_source_attach (source, self->context);
}

static void
worker_run (Worker *worker,
            Job    *job)
{
  TonicStore *self = g_task_get_source_object (job->task);

  if (g_task_return_error_if_cancelled (job->task))
    return;

  if (worker->db == NULL)
    {
      return_closed (job->task);
      return;
    }

  worker->cancellable = g_task_get_cancellable (job->task);
  job->func (self, worker->db, job->task, g_task_get_task_data (job->task));
  worker->cancellable = NULL;

  /* A job must finish what it began; never let its changes ride along
   * with the next job's. */
  if (!sqlite3_get_autocommit (worker->db))
    {
      g_critical ("A store job left a transaction open; rolling it back");
      _tonic_store_rollback (worker->db);
    }

  if (self->audit_appended)
    {
      self->audit_appended = FALSE;
      announce_audit_head (self, worker->db);
    }
}

static void
worker_close (Worker *worker)
{
  int rc;

  if (worker->db == NULL)
    return;

  /* Fold the WAL back into the database file so that, at rest, the
   * practice is one file. When this fails (another reader), the WAL stays
   * and is read again on the next open: nothing is lost. */
  rc = sqlite3_exec (worker->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_debug ("Checkpoint on close failed: %s", sqlite3_errmsg (worker->db));

  rc = sqlite3_close (worker->db);
  if (rc != SQLITE_OK)
    {
      g_warning ("Could not close the database: %s", sqlite3_errmsg (worker->db));
      sqlite3_close_v2 (worker->db);
    }

  worker->db = NULL;
}

static gpointer
worker_main (gpointer user_data)
{
  Worker *worker = user_data;
  gboolean done = FALSE;

  while (!done)
    {
      Job *job = g_async_queue_pop (worker->queue);

      switch (job->kind)
        {
        case JOB_OPEN:
          worker_open (worker, job->task);
          break;
        case JOB_RUN:
          worker_run (worker, job);
          break;
        case JOB_CLOSE:
          worker_close (worker);
          done = TRUE;
          break;
        default:
          g_assert_not_reached ();
        }

      job_free (job);
    }

  g_async_queue_unref (worker->queue);
  g_free (worker);

  return NULL;
}

static gboolean
start_worker (TonicStore  *self,
              GError     **error)
{
  Worker *worker = g_new0 (Worker, 1);

  worker->queue = g_async_queue_ref (self->queue);

  self->thread = g_thread_try_new ("tonic-store", worker_main, worker, error);
  if (self->thread == NULL)
    {
      g_async_queue_unref (worker->queue);
      g_free (worker);
      self->closed = TRUE;
      return FALSE;
    }

  return TRUE;
}

/* For tonic_store_open(): keeps the result of the open job. */
static void
on_open_ready (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The open job; the store's signals go to @context. */
static void
open_in_context (const char          *path,
                 TonicKey            *key,
                 TonicStoreOpenFlags  flags,
                 GMainContext        *context,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  store = g_object_new (TONIC_TYPE_STORE, NULL);
  store->path = g_canonicalize_filename (path, NULL);
  store->context = g_main_context_ref (context);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_store_open_async);

  data = g_new0 (OpenData, 1);
  data->store = g_object_ref (store);
  data->key = tonic_key_ref (key);
  data->flags = flags;
  g_task_set_task_data (task, data, open_data_free);

  if (!start_worker (store, &error))
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FAILED,
                               _("Could not start the database thread: %s"), error->message);
      return;
    }

  push_job (store, job_new (JOB_OPEN, NULL, task));
}

/* -- Object --------------------------------------------------------------------------- */

static void
tonic_store_dispose (GObject *object)
{
  TonicStore *self = (TonicStore *) object;

  tonic_store_close (self);

  G_OBJECT_CLASS (tonic_store_parent_class)->dispose (object);
}

static void
tonic_store_finalize (GObject *object)
{
  TonicStore *self = (TonicStore *) object;

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->actor);
  g_clear_pointer (&self->throttle, g_hash_table_unref);
  g_clear_pointer (&self->announced_hash, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->actor_lock);
  g_mutex_clear (&self->throttle_lock);

  G_OBJECT_CLASS (tonic_store_parent_class)->finalize (object);
}

static void
tonic_store_class_init (TonicStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tonic_store_dispose;
  object_class->finalize = tonic_store_finalize;

  /**
   * TonicStore::audit-appended:
   * @self: the store
   * @sequence: the newest audit row's sequence number
   * @hash: its hash
   *
   * Emitted in the main context the store was opened in, after each job
   * whose commit appended audit rows, with the head at that time: the
   * application records it outside the database (SECURITY.md).
   */
  signals[AUDIT_APPENDED] =
    g_signal_new ("audit-appended",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
}

static void
tonic_store_init (TonicStore *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->actor_lock);
  g_mutex_init (&self->throttle_lock);
  self->queue = g_async_queue_new_full (job_free);
  self->throttle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* -- Internal API ------------------------------------------------------------------ */

gboolean
_tonic_store_is_network_fs (guint32     f_type,
                            const char *fs_type_name)
{
  static const guint32 network_magics[] = {
    0x00006969u, /* NFS */
    0x0000517bu, /* SMB */
    0xff534d42u, /* CIFS */
    0xfe534d42u, /* SMB2 */
    0x5346414fu, /* OpenAFS */
    0x6b414653u, /* kAFS */
    0x73757245u, /* Coda */
    0x0000564cu, /* NCP */
    0x01021997u, /* 9p */
    0x00c36400u, /* Ceph */
    0x01161970u, /* GFS2 */
    0x7461636fu, /* OCFS2 */
    0x0bd00bd0u, /* Lustre */
    0x20030528u, /* OrangeFS */
    0x47504653u, /* GPFS */
  };
  static const char * const network_fuse[] = {
    "sshfs", "rclone", "s3fs", "gcsfuse", "goofys", "davfs", "davfs2",
    "curlftpfs", "smbnetfs", "gvfsd-fuse", "glusterfs", "ceph-fuse",
    "juicefs", "mfs", "lizardfs", "afpfs", "onedriver",
  };
  const char *subtype;

  for (guint i = 0; i < G_N_ELEMENTS (network_magics); i++)
    {
      if (f_type == network_magics[i])
        return TRUE;
    }

  if (f_type != FUSE_SUPER_MAGIC)
    return FALSE;

  /* FUSE on a local block device (ntfs-3g, exfat). */
  if (g_strcmp0 (fs_type_name, "fuseblk") == 0)
    return FALSE;

  /* "fuse.<subtype>"; without one, it may well be remote. */
  if (fs_type_name == NULL || !g_str_has_prefix (fs_type_name, "fuse."))
    return TRUE;

  subtype = fs_type_name + strlen ("fuse.");
  for (guint i = 0; i < G_N_ELEMENTS (network_fuse); i++)
    {
      if (g_str_equal (subtype, network_fuse[i]))
        return TRUE;
    }

  return *subtype == '\0';
}

void
_tonic_store_run_async (TonicStore          *self,
                        TonicStoreJobFunc    func,
                        gpointer             data,
                        GDestroyNotify       data_destroy,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_destroy);

  if (!push_job (self, job_new (JOB_RUN, func, task)))
    return_closed (task);
}

gboolean
_tonic_store_is_result (TonicStore   *self,
                        GAsyncResult *result,
                        gpointer      source_tag)
{
  return g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

void
_tonic_store_set_actor (TonicStore *self,
                        TonicStaff *actor)
{
  g_assert (TONIC_IS_STORE (self));
  g_assert (actor == NULL || TONIC_IS_STAFF (actor));

  g_mutex_lock (&self->actor_lock);
  g_set_object (&self->actor, actor);
  self->emergency = FALSE;
  g_mutex_unlock (&self->actor_lock);
}

void
_tonic_store_update_actor (TonicStore *self,
                           TonicStaff *actor)
{
  g_assert (TONIC_IS_STORE (self));
  g_assert (TONIC_IS_STAFF (actor));

  g_mutex_lock (&self->actor_lock);
  if (self->actor != NULL && tonic_staff_get_id (self->actor) == tonic_staff_get_id (actor))
    g_set_object (&self->actor, actor);
  g_mutex_unlock (&self->actor_lock);
}

void
_tonic_store_set_emergency (TonicStore *self,
                            gboolean    emergency)
{
  g_assert (TONIC_IS_STORE (self));

  g_mutex_lock (&self->actor_lock);
  self->emergency = self->actor != NULL && emergency;
  g_mutex_unlock (&self->actor_lock);
}

GHashTable *
_tonic_store_lock_throttle (TonicStore *self)
{
  g_assert (TONIC_IS_STORE (self));

  g_mutex_lock (&self->throttle_lock);

  return self->throttle;
}

void
_tonic_store_unlock_throttle (TonicStore *self)
{
  g_assert (TONIC_IS_STORE (self));

  g_mutex_unlock (&self->throttle_lock);
}

void
_tonic_store_note_audit_appended (TonicStore *self)
{
  g_assert (TONIC_IS_STORE (self));

  self->audit_appended = TRUE;
}

/* -- Public API ------------------------------------------------------------------- */

void
tonic_store_open_async (const char          *path,
                        TonicKey            *key,
                        TonicStoreOpenFlags  flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GMainContext) context = NULL;

  g_return_if_fail (path != NULL && *path != '\0');
  g_return_if_fail (key != NULL);
  g_return_if_fail ((flags & ~(TONIC_STORE_OPEN_CREATE | TONIC_STORE_OPEN_KEY_VERIFIED)) == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  context = g_main_context_ref_thread_default ();
  open_in_context (path, key, flags, context, cancellable, callback, user_data);
}

TonicStore *
tonic_store_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tonic_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

TonicStore *
tonic_store_open (const char           *path,
                  TonicKey             *key,
                  TonicStoreOpenFlags   flags,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(GMainContext) caller_context = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail ((flags & ~(TONIC_STORE_OPEN_CREATE | TONIC_STORE_OPEN_KEY_VERIFIED)) == 0,
                        NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same job as the async call, waited for in a private main context
   * so that no other source of the caller's runs meanwhile. The signals
   * still go to the caller's context. */
  caller_context = g_main_context_ref_thread_default ();
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  open_in_context (path, key, flags, caller_context, cancellable, on_open_ready, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);

  g_main_context_pop_thread_default (context);

  return tonic_store_open_finish (result, error);
}

const char *
tonic_store_get_path (TonicStore *self)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);

  return self->path;
}

int
tonic_store_get_schema_version (TonicStore *self)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), 0);

  return g_atomic_int_get (&self->schema_version);
}

TonicStaff *
tonic_store_dup_actor (TonicStore *self)
{
  TonicStaff *actor;

  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);

  g_mutex_lock (&self->actor_lock);
  actor = self->actor != NULL ? g_object_ref (self->actor) : NULL;
  g_mutex_unlock (&self->actor_lock);

  return actor;
}

gboolean
tonic_store_get_emergency (TonicStore *self)
{
  gboolean emergency;

  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);

  g_mutex_lock (&self->actor_lock);
  emergency = self->emergency;
  g_mutex_unlock (&self->actor_lock);

  return emergency;
}

void
tonic_store_close (TonicStore *self)
{
  GThread *thread;

  g_return_if_fail (TONIC_IS_STORE (self));

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->closed = TRUE;
  thread = g_steal_pointer (&self->thread);
  /* Behind every job already queued: they all run first. */
  g_async_queue_push (self->queue, job_new (JOB_CLOSE, NULL, NULL));
  g_mutex_unlock (&self->lock);

  if (thread == NULL)
    return;

  if (thread == g_thread_self ())
    {
      /* Closed from a job on the worker itself (a job dropped the last
       * reference): the worker closes the connection once that job is done. */
      g_thread_unref (thread);
      return;
    }

  g_thread_join (thread);
}
