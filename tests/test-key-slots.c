/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-key-slots"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "tonic-key-slots.h"
#include "tonic-recovery-key.h"
#include "tonic-vault-error.h"

#define PRACTICE_ID "6f1c1d0e-8d0b-4c55-9a55-0c7f3f7f2d10"
#define ALICE_ID    "0b7e2c3a-1111-4e5e-8f00-1a2b3c4d5e6f"
#define BOB_ID      "0b7e2c3a-2222-4e5e-8f00-1a2b3c4d5e6f"
#define ALICE_PW    "velvet-otter-canal-19"
#define BOB_PW      "granite moss 2 pelican"
#define AUDIT_HASH  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

typedef struct
{
  char          *dir;
  char          *path;
  GFile         *file;
  TonicKey      *key;
  char          *recovery;
  TonicKeySlots *slots;
} Fixture;

/* Helpers */

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_text (const char *path,
            const char *text,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
}

/* Recomputes the [Integrity] digest after a test edited the file, so the
 * edit reaches the checks behind it. Knows the format on purpose. */
static char *
reseal (const char *text)
{
  static const char header[] = "\n[Integrity]\n";
  const char *at = g_strrstr (text, header);
  guint8 digest[32];
  char b64[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_ORIGINAL)];

  g_assert_nonnull (at);
  crypto_generichash (digest, sizeof digest, (const guint8 *) text, at - text, NULL, 0);
  sodium_bin2base64 (b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);

  return g_strdup_printf ("%.*s%sDigest=%s\n", (int) (at - text), text, header, b64);
}

/* Replaces the first @old (after @after) in @text. */
static char *
replace_once (const char *text,
              const char *after,
              const char *old,
              const char *new)
{
  const char *start = after ? strstr (text, after) : text;
  const char *at;

  g_assert_nonnull (start);
  at = strstr (start, old);
  g_assert_nonnull (at);

  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* The value of "key=" in [group], as written. */
static char *
value_in (const char *text,
          const char *group,
          const char *key)
{
  g_autofree char *header = g_strdup_printf ("[%s]\n", group);
  g_autofree char *prefix = g_strdup_printf ("\n%s=", key);
  const char *g = strstr (text, header);
  const char *v;

  g_assert_nonnull (g);
  v = strstr (g, prefix);
  g_assert_nonnull (v);
  v += strlen (prefix);

  return g_strndup (v, strcspn (v, "\n"));
}

static TonicKeySlots *
load_expecting (Fixture *f,
                int      code)
{
  g_autoptr(GError) error = NULL;
  TonicKeySlots *slots = tonic_key_slots_load (f->file, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (slots);
      return slots;
    }

  g_assert_error (error, TONIC_VAULT_ERROR, code);
  g_assert_null (slots);
  return NULL;
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tonic-key-slots-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "practice.keys", NULL);
  f->file = g_file_new_for_path (f->path);
  f->key = tonic_key_new_random ();
  f->recovery = tonic_recovery_key_generate ();

  f->slots = tonic_key_slots_new (PRACTICE_ID, f->key);
  g_assert_true (tonic_key_slots_set_recovery (f->slots, f->key, f->recovery, &error));
  g_assert_no_error (error);
  g_assert_true (tonic_key_slots_set_staff (f->slots, f->key, ALICE_ID, "alice", ALICE_PW, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);

  g_clear_object (&f->slots);
  g_clear_pointer (&f->key, tonic_key_unref);
  g_clear_pointer (&f->recovery, tonic_recovery_key_free);
  g_clear_object (&f->file);
  g_free (f->path);
  g_free (f->dir);
}

static void
save (Fixture       *f,
      TonicKeySlots *slots)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tonic_key_slots_save (slots, f->file, &error));
  g_assert_no_error (error);
}

static void
assert_unlocks_password (TonicKeySlots *slots,
                         const char    *username,
                         const char    *password,
                         TonicKey      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = tonic_key_slots_unlock_password (slots, username, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_true (tonic_key_equal (key, expected));
}

static void
assert_unlock_password_fails (TonicKeySlots *slots,
                              const char    *username,
                              const char    *password,
                              int            code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = tonic_key_slots_unlock_password (slots, username, password, &error);

  g_assert_error (error, TONIC_VAULT_ERROR, code);
  g_assert_null (key);
}

static void
assert_unlocks_recovery (TonicKeySlots *slots,
                         const char    *recovery,
                         TonicKey      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = tonic_key_slots_unlock_recovery (slots, recovery, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_true (tonic_key_equal (key, expected));
}

static void
assert_unlock_recovery_fails (TonicKeySlots *slots,
                              const char    *recovery,
                              int            code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKey) key = tonic_key_slots_unlock_recovery (slots, recovery, &error);

  g_assert_error (error, TONIC_VAULT_ERROR, code);
  g_assert_null (key);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Tests */

static void
test_key (void)
{
  g_autoptr(TonicKey) a = tonic_key_new_random ();
  g_autoptr(TonicKey) b = tonic_key_new_random ();
  g_autoptr(TonicKey) a_copy = tonic_key_new_from_data (tonic_key_get_data (a), TONIC_KEY_SIZE);
  char literal[TONIC_KEY_SQL_LITERAL_SIZE];
  char hex[2 * TONIC_KEY_SIZE + 1];

  g_assert_true (tonic_key_equal (a, a_copy));
  g_assert_false (tonic_key_equal (a, b));
  g_assert_false (memcmp (tonic_key_get_data (a), tonic_key_get_data (b), TONIC_KEY_SIZE) == 0);

  memset (literal, 0x55, sizeof literal);
  tonic_key_write_sql_literal (a, literal);
  sodium_bin2hex (hex, sizeof hex, tonic_key_get_data (a), TONIC_KEY_SIZE);
  g_assert_cmpuint (strlen (literal), ==, TONIC_KEY_SQL_LITERAL_SIZE - 1);
  g_assert_true (g_str_has_prefix (literal, "x'"));
  g_assert_true (g_str_has_suffix (literal, "'"));
  g_assert_cmpint (strncmp (literal + 2, hex, 64), ==, 0);
  for (guint i = 2; i < 66; i++)
    g_assert_true (g_ascii_isdigit (literal[i]) || (literal[i] >= 'a' && literal[i] <= 'f'));
  sodium_memzero (literal, sizeof literal);

  /* A boxed type, references shared. */
  g_assert_true (G_TYPE_IS_BOXED (TONIC_TYPE_KEY));
  {
    TonicKey *copy = g_boxed_copy (TONIC_TYPE_KEY, a);
    g_assert_true (copy == a);
    g_boxed_free (TONIC_TYPE_KEY, copy);
  }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKeySlots) loaded = NULL;
  g_autofree char *typed = g_ascii_strdown (f->recovery, -1);
  const char *hash = NULL;
  gint64 sequence = -1;

  g_assert_true (tonic_key_slots_set_staff (f->slots, f->key, BOB_ID, "bob", BOB_PW, &error));
  g_assert_no_error (error);
  g_assert_false (tonic_key_slots_get_audit_head (f->slots, &sequence, &hash));
  tonic_key_slots_set_audit_head (f->slots, 4211, AUDIT_HASH);
  save (f, f->slots);

  loaded = load_expecting (f, -1);
  g_assert_cmpstr (tonic_key_slots_get_practice_id (loaded), ==, PRACTICE_ID);
  g_assert_true (tonic_key_slots_check_key (loaded, f->key, &error));
  g_assert_no_error (error);
  g_assert_true (tonic_key_slots_has_recovery (loaded));
  g_assert_true (tonic_key_slots_has_staff (loaded, ALICE_ID));
  g_assert_true (tonic_key_slots_has_staff (loaded, BOB_ID));
  g_assert_false (tonic_key_slots_has_staff (loaded, "someone-else"));

  assert_unlocks_recovery (loaded, f->recovery, f->key);
  /* As a person would type it from the sheet. */
  g_strdelimit (typed, "-", ' ');
  assert_unlocks_recovery (loaded, typed, f->key);
  assert_unlocks_password (loaded, "alice", ALICE_PW, f->key);
  assert_unlocks_password (loaded, "bob", BOB_PW, f->key);

  g_assert_true (tonic_key_slots_get_audit_head (loaded, &sequence, &hash));
  g_assert_cmpint (sequence, ==, 4211);
  g_assert_cmpstr (hash, ==, AUDIT_HASH);

  /* Saving what was loaded gives the same slots again. */
  tonic_key_slots_set_audit_head (loaded, 4212, "abc123");
  save (f, loaded);
  g_clear_object (&loaded);
  loaded = load_expecting (f, -1);
  assert_unlocks_password (loaded, "bob", BOB_PW, f->key);
  assert_unlocks_recovery (loaded, f->recovery, f->key);
  g_assert_true (tonic_key_slots_get_audit_head (loaded, &sequence, &hash));
  g_assert_cmpint (sequence, ==, 4212);
  g_assert_cmpstr (hash, ==, "abc123");

  /* No key or password in the file in the clear. */
  {
    g_autofree char *text = read_text (f->path);
    char hex[2 * TONIC_KEY_SIZE + 1];
    g_autofree char *canonical = g_strdelimit (g_strdup (f->recovery), "-", ' ');

    sodium_bin2hex (hex, sizeof hex, tonic_key_get_data (f->key), TONIC_KEY_SIZE);
    g_assert_null (strstr (text, hex));
    g_assert_null (strstr (text, ALICE_PW));
    g_assert_null (strstr (text, BOB_PW));
    g_assert_null (strstr (text, f->recovery));
    g_assert_null (strstr (text, f->recovery + 5));
    g_assert_nonnull (strstr (text, "Username=alice"));
  }
}

static void
test_no_recovery_slot (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TonicKeySlots) slots = tonic_key_slots_new (PRACTICE_ID, f->key);
  g_autoptr(TonicKeySlots) loaded = NULL;

  g_assert_false (tonic_key_slots_has_recovery (slots));
  save (f, slots);
  loaded = load_expecting (f, -1);
  g_assert_false (tonic_key_slots_has_recovery (loaded));
  assert_unlock_recovery_fails (loaded, f->recovery, TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY);
  assert_unlock_password_fails (loaded, "alice", ALICE_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);
}

static void
on_unlocked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  struct { const char *username; const char *secret; int code; } cases[] = {
    { "alice", ALICE_PW, -1 },
    { NULL, f->recovery, -1 },
    { "alice", "not her password", TONIC_VAULT_ERROR_WRONG_PASSWORD },
    { "nobody", ALICE_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD },
    { NULL, "0000-0000-0000-0000-0000-0000-0000", TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TonicKey) key = NULL;

      tonic_key_slots_unlock_async (f->slots, cases[i].username, cases[i].secret, NULL,
                                    on_unlocked, &result);
      /* The thread works on a copy: changing the slots now is safe. */
      tonic_key_slots_remove_staff (f->slots, ALICE_ID);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);

      key = tonic_key_slots_unlock_finish (f->slots, result, &error);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (tonic_key_equal (key, f->key));
        }
      else
        {
          g_assert_error (error, TONIC_VAULT_ERROR, cases[i].code);
          g_assert_null (key);
        }

      g_assert_true (tonic_key_slots_set_staff (f->slots, f->key, ALICE_ID, "alice", ALICE_PW,
                                                NULL));
    }

  /* Cancelled before it starts. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    g_cancellable_cancel (cancellable);
    tonic_key_slots_unlock_async (f->slots, "alice", ALICE_PW, cancellable, on_unlocked, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (tonic_key_slots_unlock_finish (f->slots, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_wrong_recovery_key (Fixture       *f,
                         gconstpointer  data)
{
  char *other = tonic_recovery_key_generate ();
  g_autofree char *typo = g_strdup (f->recovery);
  g_autofree char *missing = g_strndup (f->recovery, strlen (f->recovery) - 1);
  g_autoptr(TonicKeySlots) loaded = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize last = strlen (typo) - 1;

  save (f, f->slots);
  before = read_text (f->path);
  loaded = load_expecting (f, -1);

  /* A real recovery key, of another practice. */
  assert_unlock_recovery_fails (loaded, other, TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY);
  /* Typing mistakes: the checksum character changed, one character missing,
   * a letter recovery keys never use. */
  typo[last] = typo[last] == 'Z' ? 'Y' : 'Z';
  assert_unlock_recovery_fails (loaded, typo, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY);
  assert_unlock_recovery_fails (loaded, missing, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY);
  typo[0] = 'U';
  assert_unlock_recovery_fails (loaded, typo, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY);
  assert_unlock_recovery_fails (loaded, "", TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY);

  /* Failed unlocks never touch the file. */
  after = read_text (f->path);
  g_assert_cmpstr (before, ==, after);

  tonic_recovery_key_free (other);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) wrong_error = NULL;
  g_autoptr(GError) unknown_error = NULL;
  g_autoptr(TonicKey) key = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  double wrong_time = G_MAXDOUBLE, unknown_time = G_MAXDOUBLE;

  save (f, f->slots);
  before = read_text (f->path);

  assert_unlock_password_fails (f->slots, "alice", "velvet-otter-canal-18",
                                TONIC_VAULT_ERROR_WRONG_PASSWORD);
  assert_unlock_password_fails (f->slots, "alice", "", TONIC_VAULT_ERROR_WRONG_PASSWORD);
  assert_unlock_password_fails (f->slots, "Alice ", ALICE_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);
  assert_unlock_password_fails (f->slots, "", ALICE_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);

  /* A wrong password and an unknown user look the same: same code, same
   * message, and about the same time (the best of three of each, so a
   * busy machine does not decide). */
  for (guint i = 0; i < 3; i++)
    {
      gint64 start;

      g_clear_error (&wrong_error);
      g_clear_error (&unknown_error);

      start = g_get_monotonic_time ();
      key = tonic_key_slots_unlock_password (f->slots, "alice", "not-alices-password",
                                             &wrong_error);
      wrong_time = MIN (wrong_time, (g_get_monotonic_time () - start) / 1e6);
      g_assert_null (key);

      start = g_get_monotonic_time ();
      key = tonic_key_slots_unlock_password (f->slots, "mallory", "not-alices-password",
                                             &unknown_error);
      unknown_time = MIN (unknown_time, (g_get_monotonic_time () - start) / 1e6);
      g_assert_null (key);
    }

  g_test_message ("wrong password %.3f s, unknown user %.3f s", wrong_time, unknown_time);
  g_assert_error (wrong_error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_error (unknown_error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_cmpstr (wrong_error->message, ==, unknown_error->message);
  /* Without the decoy derivation an unknown user would answer in
   * microseconds; the bounds are loose for busy machines. */
  g_assert_cmpfloat (unknown_time, >, wrong_time * 0.25);
  g_assert_cmpfloat (unknown_time, <, wrong_time * 4.0);

  after = read_text (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TonicKey) other = tonic_key_new_random ();
  g_autoptr(GError) error = NULL;
  char *recovery = tonic_recovery_key_generate ();

  g_assert_true (tonic_key_slots_check_key (f->slots, f->key, NULL));

  g_assert_false (tonic_key_slots_check_key (f->slots, other, &error));
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_KEY);
  g_clear_error (&error);

  /* A key that fails the check is never wrapped into a slot. */
  g_assert_false (tonic_key_slots_set_recovery (f->slots, other, recovery, &error));
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_KEY);
  g_clear_error (&error);
  g_assert_false (tonic_key_slots_set_staff (f->slots, other, BOB_ID, "bob", BOB_PW, &error));
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_KEY);
  g_clear_error (&error);
  g_assert_false (tonic_key_slots_has_staff (f->slots, BOB_ID));
  assert_unlocks_recovery (f->slots, f->recovery, f->key);

  /* A malformed recovery key is refused as such. */
  g_assert_false (tonic_key_slots_set_recovery (f->slots, f->key, "7KQ2-M9XD", &error));
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY);
  g_clear_error (&error);
  assert_unlocks_recovery (f->slots, f->recovery, f->key);

  tonic_recovery_key_free (recovery);
}

static void
test_remove_staff (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TonicKeySlots) loaded = NULL;

  g_assert_true (tonic_key_slots_set_staff (f->slots, f->key, BOB_ID, "bob", BOB_PW, NULL));
  save (f, f->slots);

  loaded = load_expecting (f, -1);
  tonic_key_slots_remove_staff (loaded, BOB_ID);
  tonic_key_slots_remove_staff (loaded, "never-there");
  g_assert_false (tonic_key_slots_has_staff (loaded, BOB_ID));
  assert_unlock_password_fails (loaded, "bob", BOB_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);
  save (f, loaded);
  g_clear_object (&loaded);

  loaded = load_expecting (f, -1);
  g_assert_false (tonic_key_slots_has_staff (loaded, BOB_ID));
  g_assert_true (tonic_key_slots_has_staff (loaded, ALICE_ID));
  assert_unlock_password_fails (loaded, "bob", BOB_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);
  assert_unlocks_password (loaded, "alice", ALICE_PW, f->key);

  {
    g_autofree char *text = read_text (f->path);
    g_assert_null (strstr (text, BOB_ID));
    g_assert_null (strstr (text, "Username=bob"));
  }
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TonicKeySlots) loaded = NULL;
  char *new_recovery = tonic_recovery_key_generate ();
  g_autoptr(GError) error = NULL;

  /* A new password for alice, a new username too. */
  g_assert_true (tonic_key_slots_set_staff (f->slots, f->key, ALICE_ID, "alice.w",
                                            "thistle-beacon-77", &error));
  g_assert_no_error (error);
  g_assert_true (tonic_key_slots_set_recovery (f->slots, f->key, new_recovery, &error));
  g_assert_no_error (error);
  save (f, f->slots);

  loaded = load_expecting (f, -1);
  assert_unlock_password_fails (loaded, "alice", ALICE_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);
  assert_unlock_password_fails (loaded, "alice.w", ALICE_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);
  assert_unlocks_password (loaded, "alice.w", "thistle-beacon-77", f->key);
  assert_unlock_recovery_fails (loaded, f->recovery, TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY);
  assert_unlocks_recovery (loaded, new_recovery, f->key);

  /* One slot per staff member. */
  {
    g_autofree char *text = read_text (f->path);
    const char *first = strstr (text, "[Staff " ALICE_ID "]");

    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, "[Staff " ALICE_ID "]"));
  }

  tonic_recovery_key_free (new_recovery);
}

static void
test_backup_and_modes (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *backup = g_strconcat (f->path, ".bak", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) names = NULL;
  mode_t old_umask;

  /* Modes are 0600 even under a careless umask. */
  old_umask = umask (0);

  save (f, f->slots);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  assert_mode_0600 (f->path);
  first = read_text (f->path);

  g_assert_true (tonic_key_slots_set_staff (f->slots, f->key, BOB_ID, "bob", BOB_PW, NULL));
  save (f, f->slots);
  assert_mode_0600 (f->path);
  assert_mode_0600 (backup);
  second = read_text (f->path);
  g_assert_cmpstr (second, !=, first);
  {
    g_autofree char *bak = read_text (backup);
    g_assert_cmpstr (bak, ==, first);
  }

  tonic_key_slots_set_audit_head (f->slots, 7, "feed");
  save (f, f->slots);
  {
    g_autofree char *bak = read_text (backup);
    g_assert_cmpstr (bak, ==, second);
  }

  /* The backup is a working slot file. */
  {
    g_autoptr(GFile) bak_file = g_file_new_for_path (backup);
    g_autoptr(GError) error = NULL;
    g_autoptr(TonicKeySlots) bak_slots = tonic_key_slots_load (bak_file, &error);

    g_assert_no_error (error);
    assert_unlocks_password (bak_slots, "bob", BOB_PW, f->key);
  }

  /* No temporary files left behind. */
  names = list_dir (f->dir);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "practice.keys");
  g_assert_cmpstr (names[1], ==, "practice.keys.bak");

  umask (old_umask);
}

static void
test_save_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *missing_dir = g_build_filename (f->dir, "missing", "practice.keys", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_dir);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  g_assert_false (tonic_key_slots_save (f->slots, missing, &error));
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO);
  g_clear_error (&error);

  /* A directory where the file should be: nothing is replaced. */
  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);
  g_assert_false (tonic_key_slots_save (f->slots, f->file, &error));
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_DIR));
  g_rmdir (f->path);

  names = list_dir (f->dir);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
}

static void
test_load_io_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicKeySlots) slots = NULL;

  /* Missing. */
  slots = tonic_key_slots_load (f->file, &error);
  g_assert_null (slots);
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "practice.keys"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_clear_error (&error);

  /* Not a file. */
  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);
  slots = tonic_key_slots_load (f->file, &error);
  g_assert_null (slots);
  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO);
  g_rmdir (f->path);
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *good = NULL;
  guint8 garbage[700];
  gsize len;

  save (f, f->slots);
  good = read_text (f->path);
  len = strlen (good);

  /* Random bytes, nothing, text that is not a key file, a key file that
   * is not ours. */
  randombytes_buf (garbage, sizeof garbage);
  write_text (f->path, (const char *) garbage, sizeof garbage);
  load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
  write_text (f->path, "", 0);
  load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
  write_text (f->path, "hello\nworld\n", -1);
  load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
  write_text (f->path, "[Desktop Entry]\nName=Tonic\n", -1);
  load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);

  /* Cut short anywhere (only the final line break may go). */
  for (gsize cut = 0; cut + 1 < len; cut += (cut < 40 || cut + 80 > len) ? 1 : 13)
    {
      write_text (f->path, good, cut);
      load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
    }
  write_text (f->path, good, len - 1);
  g_clear_object (&f->slots);
  f->slots = load_expecting (f, -1);

  /* Any one byte changed. */
  for (gsize i = 0; i < len; i += 3)
    {
      g_autofree char *changed = g_strdup (good);

      changed[i] = changed[i] == 'A' ? 'B' : 'A';
      write_text (f->path, changed, len);
      load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
    }

  /* A group removed, even with the digest made to match. */
  {
    g_autofree char *check = value_in (good, "Check", "Value");
    g_autofree char *line = g_strdup_printf ("[Check]\nValue=%s\n", check);
    g_autofree char *edited = replace_once (good, NULL, line, "");
    g_autofree char *sealed = reseal (edited);

    write_text (f->path, edited, -1);
    load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
    write_text (f->path, sealed, -1);
    load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
  }
  {
    g_autofree char *edited = replace_once (good, NULL, "[Tonic]", "[Tonik]");
    g_autofree char *sealed = reseal (edited);

    write_text (f->path, sealed, -1);
    load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
  }
  {
    g_autofree char *edited = replace_once (good, "[Recovery]", "Nonce=", "Nonse=");
    g_autofree char *sealed = reseal (edited);

    write_text (f->path, sealed, -1);
    load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
  }
  /* No integrity group at all. */
  {
    g_autofree char *edited = g_strndup (good, strstr (good, "\n[Integrity]") - good + 1);

    write_text (f->path, edited, -1);
    load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
  }
}

/* With the digest recomputed, damage reaches the values themselves. */
static void
test_corrupt_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *recovery_box = NULL;
  g_autofree char *staff_box = NULL;
  g_autofree char *staff_group = g_strdup ("Staff " ALICE_ID);

  save (f, f->slots);
  good = read_text (f->path);
  recovery_box = value_in (good, "Recovery", "Ciphertext");
  staff_box = value_in (good, staff_group, "Ciphertext");

  /* A base64 character flipped inside a ciphertext: the slot does not
   * open, and no key comes out. */
  for (guint pos = 0; pos < 60; pos += 7)
    {
      g_autofree char *flipped = g_strdup (recovery_box);
      g_autofree char *edited = NULL;
      g_autofree char *sealed = NULL;
      g_autoptr(TonicKeySlots) loaded = NULL;

      flipped[pos] = flipped[pos] == 'Q' ? 'R' : 'Q';
      edited = replace_once (good, "[Recovery]", recovery_box, flipped);
      sealed = reseal (edited);
      write_text (f->path, sealed, -1);
      loaded = load_expecting (f, -1);
      assert_unlock_recovery_fails (loaded, f->recovery, TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY);
      assert_unlocks_password (loaded, "alice", ALICE_PW, f->key);
    }
  {
    g_autofree char *flipped = g_strdup (staff_box);
    g_autofree char *edited = NULL;
    g_autofree char *sealed = NULL;
    g_autoptr(TonicKeySlots) loaded = NULL;

    flipped[10] = flipped[10] == 'Q' ? 'R' : 'Q';
    edited = replace_once (good, staff_group, staff_box, flipped);
    sealed = reseal (edited);
    write_text (f->path, sealed, -1);
    loaded = load_expecting (f, -1);
    assert_unlock_password_fails (loaded, "alice", ALICE_PW, TONIC_VAULT_ERROR_WRONG_PASSWORD);
    assert_unlocks_recovery (loaded, f->recovery, f->key);
  }

  /* The check value changed: slots still open, but what they hold fails
   * the check, so no key comes out. */
  {
    g_autofree char *check = value_in (good, "Check", "Value");
    g_autofree char *flipped = g_strdup (check);
    g_autofree char *edited = NULL;
    g_autofree char *sealed = NULL;
    g_autoptr(TonicKeySlots) loaded = NULL;
    g_autoptr(GError) error = NULL;

    flipped[3] = flipped[3] == 'Q' ? 'R' : 'Q';
    edited = replace_once (good, "[Check]", check, flipped);
    sealed = reseal (edited);
    write_text (f->path, sealed, -1);
    loaded = load_expecting (f, -1);
    assert_unlock_recovery_fails (loaded, f->recovery, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
    assert_unlock_password_fails (loaded, "alice", ALICE_PW, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
    g_assert_false (tonic_key_slots_check_key (loaded, f->key, &error));
    g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_KEY);
  }

  /* Values that are not base64, or of the wrong size, or out of range. */
  {
    struct { const char *group; const char *old; const char *new; } edits[] = {
      { "[Recovery]", "Ciphertext=", "Ciphertext=*" },
      { "[Recovery]", "Ciphertext=", "Ciphertext=AAAA" },
      { "[Recovery]", "Salt=", "Salt=QUFB" },
      { "[Recovery]", "Nonce=", "Nonce=A" },
      { "[Check]", "Value=", "Value=AA==" },
      { "[Staff ", "Salt=", "Salt=AAAA" },
      { "[Staff ", "OpsLimit=", "OpsLimit=9" },
      { "[Staff ", "OpsLimit=", "OpsLimit=-" },
      { "[Staff ", "MemLimit=", "MemLimit=99" },
      { "[Staff ", "Kdf=argon2id13", "Kdf=scrypt" },
      { "[Staff ", "Username=alice", "Username=" },
      { "[Tonic]", "PracticeId=", "PracticeId=\nX=" },
      { "[Tonic]", "FormatVersion=1", "FormatVersion=one" },
      { "[Tonic]", "FormatVersion=1", "FormatVersion=0" },
      { "[Staff ", "[Staff " ALICE_ID "]", "[Staff ]" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
      {
        g_autofree char *edited = replace_once (good, edits[i].group, edits[i].old, edits[i].new);
        g_autofree char *sealed = reseal (edited);

        g_test_message ("edit %s %s -> %s", edits[i].group, edits[i].old, edits[i].new);
        write_text (f->path, sealed, -1);
        load_expecting (f, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE);
      }
  }
}

static void
test_newer_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *newer = NULL;

  save (f, f->slots);
  good = read_text (f->path);

  /* Refused as newer, whatever else is in it. */
  newer = replace_once (good, NULL, "FormatVersion=1", "FormatVersion=2");
  write_text (f->path, newer, -1);
  load_expecting (f, TONIC_VAULT_ERROR_NEWER_SLOT_FILE);

  write_text (f->path, "[Tonic]\nFormatVersion=7\nSomethingNew=yes\n", -1);
  load_expecting (f, TONIC_VAULT_ERROR_NEWER_SLOT_FILE);
}

static void
test_unknown_groups_kept (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *sealed = NULL;
  g_autofree char *resaved = NULL;
  g_autoptr(TonicKeySlots) loaded = NULL;

  save (f, f->slots);
  good = read_text (f->path);
  edited = replace_once (good, NULL, "[Check]", "[Future]\nWidget=on\n\n[Check]");
  sealed = reseal (edited);
  write_text (f->path, sealed, -1);

  loaded = load_expecting (f, -1);
  assert_unlocks_password (loaded, "alice", ALICE_PW, f->key);
  save (f, loaded);

  resaved = read_text (f->path);
  g_assert_nonnull (strstr (resaved, "[Future]\nWidget=on\n"));
  g_clear_object (&loaded);
  loaded = load_expecting (f, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key/basics", test_key);

#define ADD(path, func) \
  g_test_add ("/key-slots/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("no-recovery-slot", test_no_recovery_slot);
  ADD ("async", test_async);
  ADD ("wrong-recovery-key", test_wrong_recovery_key);
  ADD ("wrong-password", test_wrong_password);
  ADD ("wrong-key", test_wrong_key);
  ADD ("remove-staff", test_remove_staff);
  ADD ("replace", test_replace);
  ADD ("backup-and-modes", test_backup_and_modes);
  ADD ("save-errors", test_save_errors);
  ADD ("load-io-errors", test_load_io_errors);
  ADD ("corrupt", test_corrupt);
  ADD ("corrupt-values", test_corrupt_values);
  ADD ("newer-version", test_newer_version);
  ADD ("unknown-groups-kept", test_unknown_groups_kept);

#undef ADD

  return g_test_run ();
}
