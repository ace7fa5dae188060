/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-password"

#include "config.h"

#include <string.h>

#include "tonic-password.h"
#include "tonic-vault-error.h"

static void
test_hash_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = tonic_password_hash ("plum orchard ladder 42", &error);
  g_autofree char *again = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *unicode = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "plum"));

  g_assert_true (tonic_password_verify (hash, "plum orchard ladder 42"));
  g_assert_false (tonic_password_verify (hash, "plum orchard ladder 43"));
  g_assert_false (tonic_password_verify (hash, "Plum orchard ladder 42"));
  g_assert_false (tonic_password_verify (hash, ""));

  /* A new salt every time. */
  again = tonic_password_hash ("plum orchard ladder 42", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (tonic_password_verify (again, "plum orchard ladder 42"));

  empty = tonic_password_hash ("", &error);
  g_assert_no_error (error);
  g_assert_true (tonic_password_verify (empty, ""));
  g_assert_false (tonic_password_verify (empty, " "));

  unicode = tonic_password_hash ("Ŝtŭpo ĉe la maro — 海辺", &error);
  g_assert_no_error (error);
  g_assert_true (tonic_password_verify (unicode, "Ŝtŭpo ĉe la maro — 海辺"));

  /* Damaged or foreign hashes never verify. */
  g_assert_false (tonic_password_verify ("", "plum orchard ladder 42"));
  g_assert_false (tonic_password_verify ("$argon2id$garbage", "plum orchard ladder 42"));
  g_assert_false (tonic_password_verify ("plum orchard ladder 42", "plum orchard ladder 42"));
  {
    g_autofree char *cut = g_strndup (hash, strlen (hash) - 3);
    g_assert_false (tonic_password_verify (cut, "plum orchard ladder 42"));
  }
}

static void
on_hashed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_hash_async (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  char password[] = "walnut lantern 9 harbour";

  tonic_password_hash_async (password, NULL, on_hashed, &result);
  /* The password was copied: the caller may wipe it at once. */
  memset (password, 'x', strlen (password));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  hash = tonic_password_hash_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (tonic_password_verify (hash, "walnut lantern 9 harbour"));
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  tonic_password_hash_async ("walnut lantern 9 harbour", cancellable, on_hashed, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (tonic_password_hash_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
verify_async (const char *hash,
              const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean matches;

  tonic_password_verify_async (hash, password, NULL, on_hashed, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  matches = tonic_password_verify_finish (result, &error);
  g_assert_no_error (error);
  return matches;
}

static void
test_verify_async (void)
{
  g_autofree char *hash = tonic_password_hash ("quartz meadow 31 ferry", NULL);

  g_assert_true (verify_async (hash, "quartz meadow 31 ferry"));
  g_assert_false (verify_async (hash, "quartz meadow 31 ferrY"));
  /* An unknown username: no hash, never a match. */
  g_assert_false (verify_async (NULL, "quartz meadow 31 ferry"));
  g_assert_false (verify_async (NULL, ""));
}

static TonicPasswordStrength
strength (const char *password,
          const char *username)
{
  g_autofree char *hint = NULL;
  TonicPasswordStrength s = tonic_password_strength (password, username, &hint);

  g_test_message ("%-32s -> %d: %s", password, s, hint);
  g_assert_nonnull (hint);
  g_assert_cmpstr (hint, !=, "");

  /* The hint is optional. */
  g_assert_cmpint (tonic_password_strength (password, username, NULL), ==, s);

  return s;
}

static void
test_too_short (void)
{
  g_autofree char *hint = NULL;

  g_assert_cmpint (strength ("", NULL), ==, TONIC_PASSWORD_TOO_SHORT);
  g_assert_cmpint (strength ("Xk9#mP2$v", NULL), ==, TONIC_PASSWORD_TOO_SHORT);
  /* Characters are counted, not bytes: nine two-byte letters are short… */
  g_assert_cmpint (strength ("ĉĝĥĵŝŭĉĝĥ", NULL), ==, TONIC_PASSWORD_TOO_SHORT);
  g_assert_cmpint (strlen ("ĉĝĥĵŝŭĉĝĥ"), >=, TONIC_PASSWORD_MIN_LENGTH);
  /* …and ten are long enough. */
  g_assert_cmpint (strength ("ĉĝĥĵŝŭĉĝĥĵ", NULL), !=, TONIC_PASSWORD_TOO_SHORT);
  g_assert_cmpint (strength ("Xk9#mP2$vL", NULL), !=, TONIC_PASSWORD_TOO_SHORT);

  tonic_password_strength ("short", NULL, &hint);
  g_assert_nonnull (strstr (hint, "10"));
}

static void
test_weak_patterns (void)
{
  const char *weak[] = {
    "password123", "Password2024!", "P@ssw0rd2024", "aaaaaaaaaaaa", "abcdefghijkl",
    "1234567890", "0987654321", "qwertyuiop12", "asdfghjkl;'", "abcabcabcabc",
    "letmein!letmein!", "iloveyou1234", "Summer2024!!", "1111111111", "zxcvbnm12345",
  };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    g_assert_cmpint (strength (weak[i], NULL), ==, TONIC_PASSWORD_WEAK);
}

static void
test_ordering (void)
{
  /* Each a clear step up from the one before. */
  const char *ladder[] = {
    "password123",                    /* weak */
    "vqmztkrbwxhn",                   /* fair: 12 random letters */
    "Tq7!vmZ2#kxR",                   /* good: 12 from all classes */
    "Tq7!vmZ2#kxR-9wLp&4sYd",         /* strong: 22 from all classes */
  };
  TonicPasswordStrength expected[] = {
    TONIC_PASSWORD_WEAK, TONIC_PASSWORD_FAIR, TONIC_PASSWORD_GOOD, TONIC_PASSWORD_STRONG,
  };

  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    g_assert_cmpint (strength (ladder[i], NULL), ==, expected[i]);

  /* Longer is stronger, other things equal. */
  g_assert_cmpint (strength ("meadow-lantern", NULL), <=,
                   strength ("meadow-lantern-cobalt-rivet", NULL));
  g_assert_cmpint (strength ("meadow-lantern-cobalt-rivet", NULL), ==, TONIC_PASSWORD_STRONG);
  /* A common word does not count as its letters. */
  g_assert_cmpint (strength ("monkeysunshine", NULL), <, strength ("wqzplvkdrtyhbn", NULL));
  /* Repeating a strong part adds little. */
  g_assert_cmpint (strength ("Tq7!vmZ2Tq7!vmZ2Tq7!vmZ2", NULL), <=, TONIC_PASSWORD_GOOD);
}

static void
test_username (void)
{
  g_autofree char *hint = NULL;

  /* Strong on its own… */
  g_assert_cmpint (strength ("rosalind-Tq7!vmZ2#kxR", NULL), >=, TONIC_PASSWORD_GOOD);
  /* …but not for rosalind, however she spells it. */
  g_assert_cmpint (strength ("rosalind-Tq7!vmZ2#kxR", "rosalind"), ==, TONIC_PASSWORD_WEAK);
  g_assert_cmpint (strength ("Tq7!vmZ2#kxR-ROSALIND", "rosalind"), ==, TONIC_PASSWORD_WEAK);
  g_assert_cmpint (strength ("r0s@lind-Tq7!vmZ2#kxR", "rosalind"), ==, TONIC_PASSWORD_WEAK);
  /* Another username is no matter; nor is a username too short to mean anything. */
  g_assert_cmpint (strength ("rosalind-Tq7!vmZ2#kxR", "bartholomew"), >=, TONIC_PASSWORD_GOOD);
  g_assert_cmpint (strength ("Tq7!vmZ2#kxR-9wLp&4sYd", "Tq"), ==, TONIC_PASSWORD_STRONG);

  tonic_password_strength ("rosalind-Tq7!vmZ2#kxR", "rosalind", &hint);
  g_assert_nonnull (hint);
}

static void
test_random_is_strong (void)
{
  static const char printable[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&*+-=?@^_~";
  guint n = 500, strong = 0;

  /* A password manager's 20 random characters: never below good, and
   * strong nearly always (chance makes a few look like words or rows). */
  for (guint k = 0; k < n; k++)
    {
      char password[21];
      TonicPasswordStrength s;

      for (guint i = 0; i < 20; i++)
        password[i] = printable[g_test_rand_int_range (0, sizeof printable - 1)];
      password[20] = '\0';

      s = tonic_password_strength (password, "rosalind", NULL);
      if (s != TONIC_PASSWORD_STRONG)
        g_test_message ("%s -> %d", password, s);
      g_assert_cmpint (s, >=, TONIC_PASSWORD_GOOD);
      strong += s == TONIC_PASSWORD_STRONG;
    }

  g_assert_cmpuint (strong, >=, n * 95 / 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/password/hash-verify", test_hash_verify);
  g_test_add_func ("/password/hash-async", test_hash_async);
  g_test_add_func ("/password/verify-async", test_verify_async);
  g_test_add_func ("/password/strength/too-short", test_too_short);
  g_test_add_func ("/password/strength/weak-patterns", test_weak_patterns);
  g_test_add_func ("/password/strength/ordering", test_ordering);
  g_test_add_func ("/password/strength/username", test_username);
  g_test_add_func ("/password/strength/random-is-strong", test_random_is_strong);

  return g_test_run ();
}
