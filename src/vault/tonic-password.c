/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-password"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <sodium.h>

#include "tonic-password.h"
#include "tonic-vault-error.h"
#include "tonic-vault-private.h"

/* The repeat search looks this far back. */
#define REPEAT_WINDOW 128

/* Strength levels, in estimated bits of guessing work. */
#define FAIR_BITS   36.0
#define GOOD_BITS   56.0
#define STRONG_BITS 76.0

/* A letter inside a word-like run of letters, after the first few: words
 * are far more predictable than random letters. */
#define RUN_FREE_LETTERS  3
#define RUN_LETTER_BITS   2.5
/* A space, dash, dot… between two words. */
#define SEPARATOR_BITS    2.5
/* A repeat of the previous character or a step along a sequence. */
#define PATTERN_STEP_BITS 1.5
/* A year such as 1987 or 2024, as a whole. */
#define YEAR_BITS         7.0

/* Very common passwords and password words, lower case, at least 4
 * characters. Any of them inside a password counts as one guess out of a
 * few hundred, not as random characters. */
static const char * const common_words[] = {
  "password", "passwort", "motdepasse", "contraseña", "senha", "parola",
  "qwerty", "qwertz", "azerty", "asdf", "zxcv", "1234", "123456789",
  "abc123", "letmein", "welcome", "admin", "administrator", "root",
  "login", "master", "secret", "changeme", "default", "guest", "test",
  "iloveyou", "trustno1", "whatever", "nothing", "monkey", "dragon",
  "shadow", "sunshine", "princess", "football", "baseball", "soccer",
  "hockey", "superman", "batman", "starwars", "pokemon", "freedom",
  "hello", "love", "lovely", "loveme", "ninja", "mustang", "access",
  "computer", "internet", "google", "samsung", "apple", "cookie",
  "chocolate", "butterfly", "flower", "purple", "orange", "banana",
  "cheese", "pepper", "ginger", "maggie", "tigger", "buster", "charlie",
  "hunter", "ranger", "killer", "harley", "jordan", "michael", "jennifer",
  "jessica", "ashley", "daniel", "thomas", "robert", "matthew", "andrew",
  "joshua", "hannah", "bailey", "summer", "winter", "spring", "autumn",
  "january", "february", "march", "april", "june", "july", "august",
  "september", "october", "november", "december", "monday", "friday",
  "liverpool", "arsenal", "chelsea", "london", "berlin", "paris",
  "qazwsx", "zaq12wsx", "1q2w3e4r", "1qaz2wsx", "passw0rd", "p@ssw0rd",
  "correcthorsebatterystaple", "tonic", "clinic", "ketamine", "infusion",
  "doctor", "nurse", "patient", "hospital", "medical", "health",
  "office", "practice", "reception", "desk", "work", "company",
};

/* Rows on common keyboards and the alphabet: neighbours along a row
 * (either way) count as a sequence. */
static const char * const sequences[] = {
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890",
  "qwertyuiop", "asdfghjkl", "zxcvbnm",
  "qwertzuiop", "yxcvbnm",
  "azertyuiop", "qsdfghjklm", "wxcvbn",
};

typedef struct
{
  const gunichar *chars; /* the characters as typed */
  gunichar *lower;    /* the characters, lower case */
  double   *bits;     /* the cost of each character */
  gsize     len;
  double    extra;    /* bits not tied to one character */
  gboolean  has_username;
  gboolean  has_common;
  double    pattern_savings;
} Analysis;

/* Hashing */

static void
secure_free_string (gpointer data)
{
  char *s = data;

  if (s != NULL)
    sodium_free (s);
}

static char *
secure_strdup (const char *s)
{
  gsize len = strlen (s);
  char *copy;

  _tonic_vault_init ();

  copy = sodium_malloc (len + 1);
  if (copy == NULL)
    g_error ("Could not allocate %" G_GSIZE_FORMAT " bytes of guarded memory", len + 1);
  memcpy (copy, s, len + 1);

  return copy;
}

static void
hash_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *password = task_data;
  GError *error = NULL;
  char *hash;

  if (g_task_return_error_if_cancelled (task))
    return;

  hash = tonic_password_hash (password, &error);
  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

/* Strength */

static gboolean
is_leet (gunichar c)
{
  return c != 0 && c < 0x80 && strchr ("013457@$!+", (int) c) != NULL;
}

/* Whether the password character @p stands for the letter @w, allowing the
 * usual digit-for-letter spellings. Both are lower case. */
static gboolean
char_matches (gunichar p,
              gunichar w)
{
  if (p == w)
    return TRUE;

  switch (p)
    {
    case '0': return w == 'o';
    case '1': return w == 'i' || w == 'l';
    case '!': return w == 'i';
    case '3': return w == 'e';
    case '4':
    case '@': return w == 'a';
    case '5':
    case '$': return w == 's';
    case '7':
    case '+': return w == 't';
    default:  return FALSE;
    }
}

static gboolean
is_vowel (gunichar c)
{
  return c != 0 && c < 0x80 && strchr ("aeiouy0134@!", (int) c) != NULL;
}

static gboolean
is_separator (gunichar c)
{
  return c == ' ' || c == '-' || c == '_' || c == '.' || c == ',' || c == '/' || c == '+';
}

static gboolean
is_sequence_step (gunichar a,
                  gunichar b)
{
  if (a >= 0x80 || b >= 0x80 || a == b)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sequences); i++)
    {
      const char *row = sequences[i];

      for (const char *p = row; p[0] != '\0' && p[1] != '\0'; p++)
        if ((p[0] == (char) a && p[1] == (char) b) || (p[0] == (char) b && p[1] == (char) a))
          return TRUE;
    }

  return FALSE;
}

/* What one character costs to guess on its own, from the size of its
 * class: letters (both cases when the password mixes them), digits,
 * punctuation, letters of other scripts. */
static double
char_bits (gunichar c,
           gboolean mixed_case)
{
  if (c < 0x80)
    {
      if (g_ascii_isalpha ((char) c))
        return log2 (mixed_case ? 52.0 : 26.0);
      if (g_ascii_isdigit ((char) c))
        return log2 (10.0);
      return log2 (33.0);
    }

  /* A generous but bounded alphabet for everything else. */
  return 6.0;
}

/* Marks every occurrence of @word (lower case UTF-8) in the password as
 * costing nothing and charges @bits for each. */
static gboolean
cover_word (Analysis   *a,
            const char *word,
            double      bits)
{
  g_autofree gunichar *w = NULL;
  glong wlen = 0;
  gboolean found = FALSE;

  w = g_utf8_to_ucs4_fast (word, -1, &wlen);
  if (wlen == 0 || (gsize) wlen > a->len)
    return FALSE;

  for (gsize i = 0; i + wlen <= a->len; i++)
    {
      glong j;

      for (j = 0; j < wlen; j++)
        if (!char_matches (a->lower[i + j], w[j]))
          break;

      if (j == wlen)
        {
          for (j = 0; j < wlen; j++)
            a->bits[i + j] = 0.0;
          a->extra += bits;
          found = TRUE;
          i += wlen - 1;
        }
    }

  return found;
}

static gboolean
is_letterish (const Analysis *a,
              gsize           i)
{
  gunichar c = a->lower[i];

  if (g_unichar_isalpha (c))
    return TRUE;

  /* "p4ssw0rd": a digit or sign standing for a letter inside a word. */
  return is_leet (c) &&
         ((i > 0 && g_unichar_isalpha (a->lower[i - 1])) ||
          (i + 1 < a->len && g_unichar_isalpha (a->lower[i + 1])));
}

/* Letters after the first few of a run that reads like a word cost
 * little. Word-like: enough vowels (or a script whose vowels this does not
 * know), and capitalised the way words are (lower case, Capitalised or
 * UPPER CASE), not at random. */
static void
discount_words (Analysis *a)
{
  gsize i = 0;

  while (i < a->len)
    {
      gsize start = i, vowels = 0, upper = 0, letters = 0;
      gboolean other_script = FALSE;
      gboolean word_case;

      if (!is_letterish (a, i))
        {
          i++;
          continue;
        }

      while (i < a->len && is_letterish (a, i))
        {
          vowels += is_vowel (a->lower[i]);
          other_script |= a->lower[i] >= 0x80;
          letters += g_unichar_isalpha (a->chars[i]);
          upper += g_unichar_isupper (a->chars[i]);
          i++;
        }

      word_case = upper == 0 || upper == letters ||
                  (upper == 1 && g_unichar_isupper (a->chars[start]));

      if (i - start > RUN_FREE_LETTERS && word_case && (other_script || vowels * 4 >= i - start))
        for (gsize k = start + RUN_FREE_LETTERS; k < i; k++)
          a->bits[k] = MIN (a->bits[k], RUN_LETTER_BITS);
    }
}

static void
analyse (Analysis       *a,
         const gunichar *chars,
         const char     *username)
{
  gboolean has_lower = FALSE, has_upper = FALSE;

  for (gsize i = 0; i < a->len; i++)
    {
      has_lower |= g_unichar_islower (chars[i]);
      has_upper |= g_unichar_isupper (chars[i]);
    }

  for (gsize i = 0; i < a->len; i++)
    a->bits[i] = char_bits (chars[i], has_lower && has_upper);

  discount_words (a);

  /* Separators between words; repeats of the previous character and steps
   * along the alphabet, the digits or a keyboard row. */
  for (gsize i = 0; i < a->len; i++)
    {
      gunichar c = a->lower[i];

      if (is_separator (c) && i > 0 && i + 1 < a->len &&
          is_letterish (a, i - 1) && is_letterish (a, i + 1))
        a->bits[i] = MIN (a->bits[i], SEPARATOR_BITS);

      if (i > 0 && (c == a->lower[i - 1] || is_sequence_step (a->lower[i - 1], c)) &&
          a->bits[i] > PATTERN_STEP_BITS)
        {
          a->pattern_savings += a->bits[i] - PATTERN_STEP_BITS;
          a->bits[i] = PATTERN_STEP_BITS;
        }
    }

  /* Years. */
  for (gsize i = 0; i + 4 <= a->len; i++)
    {
      const gunichar *y = a->lower + i;

      if (((y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0')) &&
          g_unichar_isdigit (y[2]) && g_unichar_isdigit (y[3]) &&
          (i + 4 == a->len || !g_unichar_isdigit (y[4])) &&
          (i == 0 || !g_unichar_isdigit (y[-1])))
        {
          for (guint j = 0; j < 4; j++)
            a->bits[i + j] = 0.0;
          a->extra += YEAR_BITS;
        }
    }

  /* A stretch seen before ("abcabc", "Hello!Hello!") costs a reference to
   * where it was, not its characters again. */
  for (gsize i = 1; i < a->len;)
    {
      gsize best = 0;

      for (gsize j = i > REPEAT_WINDOW ? i - REPEAT_WINDOW : 0; j < i; j++)
        {
          gsize l = 0;

          while (i + l < a->len && a->lower[j + l] == a->lower[i + l])
            l++;
          best = MAX (best, l);
        }

      if (best >= 3)
        {
          double saved = 0.0;
          double reference = log2 ((double) i) + 1.0;

          for (gsize k = i; k < i + best; k++)
            {
              saved += a->bits[k];
              a->bits[k] = 0.0;
            }
          a->extra += reference;
          a->pattern_savings += MAX (saved - reference, 0.0);
          i += best;
        }
      else
        {
          i++;
        }
    }

  /* The username and common words, however they are capitalised or
   * spelt with digits. */
  if (username != NULL && g_utf8_validate (username, -1, NULL))
    {
      g_autofree char *folded = g_utf8_strdown (username, -1);

      if (g_utf8_strlen (folded, -1) >= 3)
        a->has_username = cover_word (a, folded, 2.0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (common_words); i++)
    if (cover_word (a, common_words[i], log2 ((double) G_N_ELEMENTS (common_words)) + 1.0))
      a->has_common = TRUE;
}

/**
 * tonic_password_strength:
 * @password: the password being typed
 * @username: (nullable): the staff member's username
 * @hint: (out) (optional) (transfer full): a translated sentence for the
 *   person typing
 *
 * Estimates how hard @password is to guess, in bits, and sorts that into
 * four levels (under 36 weak, under 56 fair, under 76 good, strong). The
 * estimate is deliberately modest: each character costs what its class
 * allows (letters, digits, punctuation); letters deep inside a word-like
 * run, separators between words, repeats, sequences, keyboard rows,
 * years, the username and very common passwords count for little.
 * A password containing the username is weak whatever else it holds.
 */
TonicPasswordStrength
tonic_password_strength (const char  *password,
                         const char  *username,
                         char       **hint)
{
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *lower = NULL;
  g_autofree double *bits = NULL;
  TonicPasswordStrength strength;
  Analysis a = { 0 };
  glong n_chars = 0;
  double total = 0.0;

  g_return_val_if_fail (password != NULL, TONIC_PASSWORD_TOO_SHORT);

  if (hint != NULL)
    *hint = NULL;

  if (g_utf8_validate (password, -1, NULL))
    chars = g_utf8_to_ucs4_fast (password, -1, &n_chars);

  if (chars == NULL || n_chars < TONIC_PASSWORD_MIN_LENGTH)
    {
      if (hint != NULL)
        *hint = g_strdup_printf (ngettext ("Use at least %d character.",
                                           "Use at least %d characters.",
                                           TONIC_PASSWORD_MIN_LENGTH),
                                 TONIC_PASSWORD_MIN_LENGTH);
      if (chars != NULL)
        sodium_memzero (chars, n_chars * sizeof (gunichar));
      return TONIC_PASSWORD_TOO_SHORT;
    }

  a.len = (gsize) n_chars;
  lower = g_new0 (gunichar, a.len);
  bits = g_new0 (double, a.len);
  for (gsize i = 0; i < a.len; i++)
    lower[i] = g_unichar_tolower (chars[i]);
  a.chars = chars;
  a.lower = lower;
  a.bits = bits;

  analyse (&a, chars, username);

  for (gsize i = 0; i < a.len; i++)
    total += a.bits[i];
  total += a.extra;

  if (total < FAIR_BITS)
    strength = TONIC_PASSWORD_WEAK;
  else if (total < GOOD_BITS)
    strength = TONIC_PASSWORD_FAIR;
  else if (total < STRONG_BITS)
    strength = TONIC_PASSWORD_GOOD;
  else
    strength = TONIC_PASSWORD_STRONG;

  /* A password built on the username is never better than weak: the
   * username is the first thing anyone tries. */
  if (a.has_username)
    strength = TONIC_PASSWORD_WEAK;

  if (hint != NULL)
    {
      const char *sentence = NULL;

      if (a.has_username)
        sentence = _("Avoid using your username in the password.");
      else if (a.has_common && strength < TONIC_PASSWORD_GOOD)
        sentence = _("It is built on a very common password or word. "
                     "Add something less predictable.");
      else if (a.pattern_savings > total / 2.0 && strength < TONIC_PASSWORD_GOOD)
        sentence = _("Avoid repeated characters, sequences like “abc” or “1234” "
                     "and keyboard rows.");
      else
        {
          switch (strength)
            {
            case TONIC_PASSWORD_WEAK:
              sentence = _("Weak: easy to guess. Add more words or characters.");
              break;
            case TONIC_PASSWORD_FAIR:
              sentence = _("Fair: a few more words or characters would make it much stronger.");
              break;
            case TONIC_PASSWORD_GOOD:
              sentence = _("Good: hard to guess.");
              break;
            case TONIC_PASSWORD_STRONG:
              sentence = _("Strong: very hard to guess.");
              break;
            case TONIC_PASSWORD_TOO_SHORT:
            default:
              g_assert_not_reached ();
            }
        }

      *hint = g_strdup (sentence);
    }

  sodium_memzero (chars, n_chars * sizeof (gunichar));
  sodium_memzero (lower, a.len * sizeof (gunichar));

  return strength;
}

/* Public API: hashing */

/**
 * tonic_password_hash:
 * @password: the password (UTF-8)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): an Argon2id hash string in the
 *   crypto_pwhash_str() format ("$argon2id$v=19$…"), or %NULL with
 *   %TONIC_VAULT_ERROR_FAILED when memory runs out
 */
char *
tonic_password_hash (const char  *password,
                     GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  char *result;

  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _tonic_vault_init ();

  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_FAILED,
                           _("Not enough memory to protect the password."));
      return NULL;
    }

  result = g_strdup (hash);
  sodium_memzero (hash, sizeof hash);

  return result;
}

/**
 * tonic_password_verify:
 * @hash: a hash from tonic_password_hash()
 * @password: the password typed
 *
 * Returns: whether @password matches @hash; %FALSE for a malformed hash
 */
gboolean
tonic_password_verify (const char *hash,
                       const char *password)
{
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  _tonic_vault_init ();

  /* crypto_pwhash_str_verify() reads up to crypto_pwhash_STRBYTES bytes. */
  if (strnlen (hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

void
tonic_password_hash_async (const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_password_hash_async);
  g_task_set_task_data (task, secure_strdup (password), secure_free_string);
  g_task_run_in_thread (task, hash_thread);
}

char *
tonic_password_hash_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tonic_password_hash_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *hash;
  char *password;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_free (data->hash);
  if (data->password != NULL)
    sodium_memzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

/* A hash of a random password, made once, to verify unknown usernames
 * against at the same cost as known ones. */
static const char *
get_decoy_hash (void)
{
  static gsize initialized;
  static char *decoy;

  if (g_once_init_enter (&initialized))
    {
      guint8 random[16];
      g_autofree char *password = NULL;
      char *hash;

      _tonic_vault_init ();
      randombytes_buf (random, sizeof random);
      password = g_base64_encode (random, sizeof random);
      hash = tonic_password_hash (password, NULL);
      sodium_memzero (random, sizeof random);
      decoy = hash;
      g_once_init_leave (&initialized, 1);
    }

  return decoy;
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyData *data = task_data;
  gboolean matches;

  matches = tonic_password_verify_or_decoy (data->hash, data->password);

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, matches);
}

/**
 * tonic_password_verify_or_decoy:
 * @hash: (nullable): a hash from tonic_password_hash(), or %NULL for an
 *   unknown username
 * @password: the password typed
 *
 * Blocks for the time of one verification whether or not @hash is %NULL.
 * The decoy is made on the first call of any kind, so that even the first
 * answer's timing does not depend on @hash.
 *
 * Returns: whether @password matches @hash; always %FALSE without a hash
 */
gboolean
tonic_password_verify_or_decoy (const char *hash,
                                const char *password)
{
  const char *decoy;

  g_return_val_if_fail (password != NULL, FALSE);

  decoy = get_decoy_hash ();

  if (hash == NULL)
    {
      tonic_password_verify (decoy, password);
      return FALSE;
    }

  return tonic_password_verify (hash, password);
}

void
tonic_password_verify_async (const char          *hash,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyData *data;

  g_return_if_fail (password != NULL);

  data = g_new0 (VerifyData, 1);
  data->hash = g_strdup (hash);
  data->password = g_strdup (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_password_verify_async);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
tonic_password_verify_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tonic_password_verify_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
