/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store-test-helpers.h"

/* The corpus of bad files (SECURITY.md): each one gives its own error, no
 * crash, and no write: the file is byte-identical afterwards and no -wal or
 * -shm is left beside it.
 *
 * What SQLCipher can and cannot tell: an encrypted page whose HMAC does not
 * verify looks the same whether the key is wrong, the page is damaged, or
 * the file is random bytes. Without TONIC_STORE_OPEN_KEY_VERIFIED such a
 * first page is WRONG_KEY; with it (the key-slot file's key check passed),
 * CORRUPT. */

typedef enum
{
  DAMAGE_NONE,
  DAMAGE_MISSING,
  DAMAGE_EMPTY,
  DAMAGE_PLAIN_SQLITE,
  DAMAGE_TRUNCATED_TINY,
  DAMAGE_TRUNCATED_MID_PAGE,
  DAMAGE_RANDOM_PAGES,
  DAMAGE_RANDOM_ODD_SIZE,
  DAMAGE_FLIP_SALT,
  DAMAGE_FLIP_PAGE1,
  DAMAGE_FLIP_PAGE1_HMAC,
  DAMAGE_NEWER_SCHEMA,
  DAMAGE_DIRECTORY,
} Damage;

typedef struct
{
  const char          *name;
  Damage               damage;
  gboolean             wrong_key;
  TonicStoreOpenFlags  flags;
  TonicStoreError      expected;
} BadFile;

static const BadFile corpus[] = {
  { "missing", DAMAGE_MISSING, FALSE, 0, TONIC_STORE_ERROR_NOT_FOUND },
  { "empty", DAMAGE_EMPTY, FALSE, 0, TONIC_STORE_ERROR_NOT_A_DATABASE },
  { "empty-verified", DAMAGE_EMPTY, FALSE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_NOT_A_DATABASE },
  { "plain-sqlite", DAMAGE_PLAIN_SQLITE, FALSE, 0, TONIC_STORE_ERROR_NOT_A_DATABASE },
  { "plain-sqlite-verified", DAMAGE_PLAIN_SQLITE, FALSE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_NOT_A_DATABASE },
  { "directory", DAMAGE_DIRECTORY, FALSE, 0, TONIC_STORE_ERROR_NOT_A_DATABASE },
  { "truncated-tiny", DAMAGE_TRUNCATED_TINY, FALSE, 0, TONIC_STORE_ERROR_CORRUPT },
  { "truncated-mid-page", DAMAGE_TRUNCATED_MID_PAGE, FALSE, 0, TONIC_STORE_ERROR_CORRUPT },
  { "random-odd-size", DAMAGE_RANDOM_ODD_SIZE, FALSE, 0, TONIC_STORE_ERROR_CORRUPT },
  { "random-pages", DAMAGE_RANDOM_PAGES, FALSE, 0, TONIC_STORE_ERROR_WRONG_KEY },
  { "random-pages-verified", DAMAGE_RANDOM_PAGES, FALSE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_CORRUPT },
  { "wrong-key", DAMAGE_NONE, TRUE, 0, TONIC_STORE_ERROR_WRONG_KEY },
  { "wrong-key-verified", DAMAGE_NONE, TRUE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_CORRUPT },
  { "flip-salt", DAMAGE_FLIP_SALT, FALSE, 0, TONIC_STORE_ERROR_WRONG_KEY },
  { "flip-salt-verified", DAMAGE_FLIP_SALT, FALSE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_CORRUPT },
  { "flip-page1", DAMAGE_FLIP_PAGE1, FALSE, 0, TONIC_STORE_ERROR_WRONG_KEY },
  { "flip-page1-verified", DAMAGE_FLIP_PAGE1, FALSE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_CORRUPT },
  { "flip-page1-hmac-verified", DAMAGE_FLIP_PAGE1_HMAC, FALSE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_CORRUPT },
  { "newer-schema", DAMAGE_NEWER_SCHEMA, FALSE, 0, TONIC_STORE_ERROR_FROM_NEWER_VERSION },
  { "newer-schema-verified", DAMAGE_NEWER_SCHEMA, FALSE, TONIC_STORE_OPEN_KEY_VERIFIED,
    TONIC_STORE_ERROR_FROM_NEWER_VERSION },
};

static char *
get_contents (const char *path,
              gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
}

static void
set_contents (const char *path,
              const char *contents,
              gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, contents, len, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  contents = get_contents (path, &len);
  g_assert_cmpuint (offset, <, len);
  contents[offset] ^= 0x20;
  set_contents (path, contents, len);
}

static void
random_file (const char *path,
             gsize       len)
{
  g_autofree char *contents = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    contents[i] = (char) g_test_rand_int_range (0, 256);
  set_contents (path, contents, len);
}

/* Makes the bad file at @path (the good database is at @good). */
static void
make_damage (Damage      damage,
             const char *good,
             const char *path,
             TonicKey   *key)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  sqlite3 *raw;

  switch (damage)
    {
    case DAMAGE_MISSING:
      break;
    case DAMAGE_NONE:
      store_test_copy_file (good, path);
      break;
    case DAMAGE_EMPTY:
      set_contents (path, "", 0);
      break;
    case DAMAGE_DIRECTORY:
      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      break;
    case DAMAGE_PLAIN_SQLITE:
      raw = store_test_raw_open (path, NULL);
      store_test_raw_exec (raw, "CREATE TABLE practice (id INTEGER PRIMARY KEY, name TEXT);"
                                "INSERT INTO practice (name) VALUES ('plain');");
      g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
      break;
    case DAMAGE_TRUNCATED_TINY:
      contents = get_contents (good, &len);
      set_contents (path, contents, 100);
      break;
    case DAMAGE_TRUNCATED_MID_PAGE:
      contents = get_contents (good, &len);
      g_assert_cmpuint (len, >, 2 * TONIC_STORE_PAGE_SIZE);
      set_contents (path, contents, len - TONIC_STORE_PAGE_SIZE / 2);
      break;
    case DAMAGE_RANDOM_PAGES:
      random_file (path, 4 * TONIC_STORE_PAGE_SIZE);
      break;
    case DAMAGE_RANDOM_ODD_SIZE:
      random_file (path, 3 * TONIC_STORE_PAGE_SIZE + 7);
      break;
    case DAMAGE_FLIP_SALT:
      store_test_copy_file (good, path);
      flip_byte (path, 3);
      break;
    case DAMAGE_FLIP_PAGE1:
      store_test_copy_file (good, path);
      flip_byte (path, 1000);
      break;
    case DAMAGE_FLIP_PAGE1_HMAC:
      store_test_copy_file (good, path);
      flip_byte (path, TONIC_STORE_PAGE_SIZE - 1);
      break;
    case DAMAGE_NEWER_SCHEMA:
      store_test_copy_file (good, path);
      raw = store_test_raw_open (path, key);
      store_test_raw_exec (raw, "PRAGMA user_version = 99");
      g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicKey) other_key = store_test_key (2);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing_after = NULL;

  store_test_make_practice_db (good, key);
  make_damage (bad->damage, good, path, key);

  before = store_test_checksum (path);
  listing = store_test_list_dir (dir);

  store = tonic_store_open (path, bad->wrong_key ? other_key : key, bad->flags, NULL, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_error (error, TONIC_STORE_ERROR, bad->expected);

  /* Untouched, and nothing left beside it. */
  after = store_test_checksum (path);
  g_assert_cmpstr (before, ==, after);
  listing_after = store_test_list_dir (dir);
  g_assert_cmpstr (listing, ==, listing_after);

  store_test_remove_dir (dir);
}

/* Every page but the first damaged in turn: the store opens (page 1 is
 * fine) and reading fails with CORRUPT, or succeeds when the page is not
 * read; never a crash, never a write. */
static void
test_flip_later_pages (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autofree char *contents = NULL;
  guint n_detected = 0;
  gsize n_pages;
  gsize len = 0;

  store_test_make_practice_db (good, key);
  contents = get_contents (good, &len);
  n_pages = len / TONIC_STORE_PAGE_SIZE;
  g_assert_cmpuint (n_pages, >=, 3);

  for (gsize page = 2; page <= n_pages; page++)
    {
      g_autoptr(TonicStore) store = NULL;
      g_autoptr(TonicPractice) practice = NULL;
      g_autoptr(TonicStaff) staff = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gboolean detected = FALSE;

      set_contents (path, contents, len);
      flip_byte (path, (page - 1) * TONIC_STORE_PAGE_SIZE + 200);
      before = store_test_checksum (path);

      store = tonic_store_open (path, key, TONIC_STORE_OPEN_KEY_VERIFIED, NULL, &error);
      if (store == NULL)
        {
          g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT);
          detected = TRUE;
          g_clear_error (&error);
        }
      else
        {
          practice = store_test_get_practice (store, &error);
          if (error != NULL)
            {
              g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT);
              detected = TRUE;
              g_clear_error (&error);
            }

          staff = store_test_find_staff (store, STORE_TEST_ADMIN_USER, &error);
          if (error != NULL)
            {
              g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT);
              detected = TRUE;
              g_clear_error (&error);
            }

          /* A damaged page does not stop what does not need it. */
          store_test_assert_query (store, "SELECT 40 + 2", "42");
          tonic_store_close (store);
        }

      g_test_message ("page %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT ": %s", page, n_pages,
                      detected ? "damage reported" : "not read");
      n_detected += detected;

      /* Reads only: the file is as it was. */
      after = store_test_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  /* The practice and staff tables are damaged in some of those pages. */
  g_assert_cmpuint (n_detected, >=, 2);
  store_test_assert_dir (dir, "good.db");

  store_test_remove_dir (dir);
}

/* A database cut at a page boundary: its header promises pages that are
 * missing. */
static void
test_truncated_whole_pages (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(TonicPractice) practice = NULL;
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len = 0;

  store_test_make_practice_db (good, key);
  contents = get_contents (good, &len);
  set_contents (path, contents, TONIC_STORE_PAGE_SIZE);
  before = store_test_checksum (path);

  store = tonic_store_open (path, key, TONIC_STORE_OPEN_KEY_VERIFIED, NULL, &error);
  if (store == NULL)
    {
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT);
    }
  else
    {
      practice = store_test_get_practice (store, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT);
      g_clear_error (&error);
      staff = store_test_find_staff (store, STORE_TEST_ADMIN_USER, &error);
      g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT);
      tonic_store_close (store);
    }

  after = store_test_checksum (path);
  g_assert_cmpstr (before, ==, after);
  store_test_assert_dir (dir, "good.db practice.db");

  store_test_remove_dir (dir);
}

/* A crash leaves committed changes in the -wal. They count: a newer
 * version recorded only there is refused, and the files stay as they were;
 * a current one opens with the changes. */
static void
test_crash_wal (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *live = g_build_filename (dir, "live.db", NULL);
  g_autofree char *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicPractice) practice = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = store_test_new_admin ();
  g_autoptr(TonicPractice) read = NULL;
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_before = NULL;
  g_autofree char *wal_before = NULL;
  g_autofree char *db_after = NULL;
  g_autofree char *wal_after = NULL;
  sqlite3 *raw;

  /* The image of a crash: the files copied while the store is open. */
  store = tonic_store_open (live, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (store_test_create_practice (store, practice, admin, &error));
  g_assert_no_error (error);
  store_test_copy_file (live, path);
  store_test_copy_file (live_wal, wal);
  tonic_store_close (store);
  g_clear_object (&store);
  g_assert_cmpint (g_unlink (live), ==, 0);

  /* The practice is in the WAL: the store reads it after the crash. */
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_KEY_VERIFIED, NULL, &error);
  g_assert_no_error (error);
  read = store_test_get_practice (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_practice_get_uuid (read), ==, tonic_practice_get_uuid (practice));
  tonic_store_close (store);
  g_clear_object (&store);
  store_test_assert_dir (dir, "practice.db");

  /* Again, with a newer version set in the WAL only. */
  store = tonic_store_open (live, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  tonic_store_close (store);
  g_clear_object (&store);
  raw = store_test_raw_open (live, key);
  store_test_raw_exec (raw, "PRAGMA journal_mode = WAL; PRAGMA user_version = 42;");
  g_assert_cmpint (g_unlink (path), ==, 0);
  store_test_copy_file (live, path);
  store_test_copy_file (live_wal, wal);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_cmpint (g_unlink (live), ==, 0);

  db_before = store_test_checksum (path);
  wal_before = store_test_checksum (wal);
  g_assert_nonnull (wal_before);

  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FROM_NEWER_VERSION);
  g_assert_null (store);

  db_after = store_test_checksum (path);
  wal_after = store_test_checksum (wal);
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_cmpstr (wal_before, ==, wal_after);
  /* SQLite may rebuild the -shm index beside them: it holds no data. */
  g_unlink (shm);
  store_test_assert_dir (dir, "practice.db practice.db-wal");

  store_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *test_path = g_strconcat ("/store/bad-file/", corpus[i].name, NULL);

      g_test_add_data_func (test_path, &corpus[i], test_bad_file);
    }

  g_test_add_func ("/store/bad-file/flip-later-pages", test_flip_later_pages);
  g_test_add_func ("/store/bad-file/truncated-whole-pages", test_truncated_whole_pages);
  g_test_add_func ("/store/bad-file/crash-wal", test_crash_wal);

  return g_test_run ();
}
