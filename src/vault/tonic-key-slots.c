/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-key-slots"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tonic-key-slots.h"
#include "tonic-recovery-key.h"
#include "tonic-vault-error.h"
#include "tonic-vault-private.h"

/* The file, group by group:
 *
 *   [Tonic]       FormatVersion, PracticeId
 *   [Check]       Value: BLAKE2b-256 keyed with the DEK over check_constant
 *   [Recovery]    Salt, Nonce, Ciphertext: the DEK in a secretbox under
 *                 BLAKE2b-256 keyed with Salt over the canonical recovery key
 *   [Staff <id>]  Username, Kdf, OpsLimit, MemLimit, Salt, Nonce, Ciphertext:
 *                 the DEK in a secretbox under Argon2id(password, Salt)
 *   [Audit]       Sequence, Hash
 *   [Integrity]   Digest: BLAKE2b-256 of every byte before this group, so a
 *                 truncated or damaged file is refused instead of half-read
 *
 * Binary values are standard base64 with padding, parsed strictly. Groups
 * this version does not know are kept as they are. */

#define GROUP_TONIC      "Tonic"
#define GROUP_CHECK      "Check"
#define GROUP_RECOVERY   "Recovery"
#define GROUP_AUDIT      "Audit"
#define GROUP_INTEGRITY  "Integrity"
#define STAFF_PREFIX     "Staff "
#define KDF_ARGON2ID13   "argon2id13"

#define CHECK_BYTES          32
#define DIGEST_BYTES         32
#define RECOVERY_SALT_BYTES  16
#define NONCE_BYTES          crypto_secretbox_NONCEBYTES
#define BOX_BYTES            (TONIC_KEY_SIZE + crypto_secretbox_MACBYTES)
#define STAFF_SALT_BYTES     crypto_pwhash_SALTBYTES
#define WRAP_KEY_BYTES       crypto_secretbox_KEYBYTES

/* A key-slot file is a few kilobytes; anything far larger is not one. */
#define MAX_FILE_SIZE        (1024 * 1024)
/* Argon2id limits accepted from a file: a damaged or hostile file must not
 * make an unlock take minutes or gigabytes. */
#define MAX_OPSLIMIT         (4 * crypto_pwhash_OPSLIMIT_SENSITIVE)
#define MAX_MEMLIMIT         ((guint64) crypto_pwhash_MEMLIMIT_SENSITIVE)

G_STATIC_ASSERT (WRAP_KEY_BYTES == TONIC_KEY_SIZE);
G_STATIC_ASSERT (crypto_generichash_KEYBYTES_MIN <= RECOVERY_SALT_BYTES);

static const char check_constant[] = "io.github.tonicrecords.Tonic key check, version 1";

typedef struct
{
  guint8 salt[RECOVERY_SALT_BYTES];
  guint8 nonce[NONCE_BYTES];
  guint8 box[BOX_BYTES];
} RecoverySlot;

typedef struct
{
  char    *staff_id;
  char    *username;
  guint64  opslimit;
  guint64  memlimit;
  guint8   salt[STAFF_SALT_BYTES];
  guint8   nonce[NONCE_BYTES];
  guint8   box[BOX_BYTES];
} StaffSlot;

struct _TonicKeySlots
{
  GObject parent_instance;

  char         *practice_id;
  guint8        check[CHECK_BYTES];

  gboolean      has_recovery;
  RecoverySlot  recovery;

  GPtrArray    *staff;            /* StaffSlot, in file order */

  gboolean      has_audit;
  gint64        audit_sequence;
  char         *audit_hash;

  GKeyFile     *extra;            /* groups from a newer minor version */
};

G_DEFINE_FINAL_TYPE (TonicKeySlots, tonic_key_slots, G_TYPE_OBJECT)

/* Helpers */

static void
staff_slot_free (StaffSlot *slot)
{
  g_free (slot->staff_id);
  g_free (slot->username);
  sodium_memzero (slot, sizeof *slot);
  g_free (slot);
}

static StaffSlot *
staff_slot_copy (const StaffSlot *slot)
{
  StaffSlot *copy = g_memdup2 (slot, sizeof *slot);

  copy->staff_id = g_strdup (slot->staff_id);
  copy->username = g_strdup (slot->username);

  return copy;
}

static StaffSlot *
find_staff (TonicKeySlots *self,
            const char    *staff_id,
            guint         *index)
{
  for (guint i = 0; i < self->staff->len; i++)
    {
      StaffSlot *slot = g_ptr_array_index (self->staff, i);

      if (g_str_equal (slot->staff_id, staff_id))
        {
          if (index != NULL)
            *index = i;
          return slot;
        }
    }

  return NULL;
}

/* Staff ids become part of a group name: no brackets, no control
 * characters, no surrounding blanks. */
static gboolean
is_valid_staff_id (const char *staff_id)
{
  if (staff_id == NULL || *staff_id == '\0' || !g_utf8_validate (staff_id, -1, NULL))
    return FALSE;

  if (g_ascii_isspace (staff_id[0]) || g_ascii_isspace (staff_id[strlen (staff_id) - 1]))
    return FALSE;

  for (const char *p = staff_id; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '[' || c == ']' || g_unichar_iscntrl (c))
        return FALSE;
    }

  return TRUE;
}

static void
compute_check (const TonicKey *key,
               guint8         *check)
{
  crypto_generichash (check, CHECK_BYTES,
                      (const guint8 *) check_constant, strlen (check_constant),
                      tonic_key_get_data (key), TONIC_KEY_SIZE);
}

static gboolean
key_passes_check (TonicKeySlots  *self,
                  const TonicKey *key)
{
  guint8 check[CHECK_BYTES];
  gboolean ok;

  compute_check (key, check);
  ok = sodium_memcmp (check, self->check, CHECK_BYTES) == 0;
  sodium_memzero (check, sizeof check);

  return ok;
}

static gboolean
set_wrong_key_error (GError **error)
{
  g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_KEY,
                       _("This key does not belong to this practice."));
  return FALSE;
}

static void
derive_recovery_wrap_key (const char *canonical,
                          const guint8 *salt,
                          guint8     *wrap_key)
{
  crypto_generichash (wrap_key, WRAP_KEY_BYTES,
                      (const guint8 *) canonical, strlen (canonical),
                      salt, RECOVERY_SALT_BYTES);
}

static gboolean
derive_staff_wrap_key (const char   *password,
                       const guint8 *salt,
                       guint64       opslimit,
                       guint64       memlimit,
                       guint8       *wrap_key)
{
  return crypto_pwhash (wrap_key, WRAP_KEY_BYTES, password, strlen (password), salt,
                        opslimit, (size_t) memlimit, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

/* Opens a slot's box with @wrap_key; the result is checked against the
 * check value, so a slot that opens but holds another key is refused. */
static TonicKey *
open_box (TonicKeySlots  *self,
          const guint8   *box,
          const guint8   *nonce,
          const guint8   *wrap_key,
          gboolean       *opened,
          GError        **error)
{
  guint8 plain[TONIC_KEY_SIZE];
  g_autoptr(TonicKey) key = NULL;

  *opened = crypto_secretbox_open_easy (plain, box, BOX_BYTES, nonce, wrap_key) == 0;
  if (!*opened)
    {
      sodium_memzero (plain, sizeof plain);
      return NULL;
    }

  key = tonic_key_new_from_data (plain, sizeof plain);
  sodium_memzero (plain, sizeof plain);

  if (!key_passes_check (self, key))
    {
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE,
                           _("The key-slot file is inconsistent: a slot holds a key "
                             "that fails the key check."));
      return NULL;
    }

  return g_steal_pointer (&key);
}

/* Serialising */

static void
set_base64 (GKeyFile     *key_file,
            const char   *group,
            const char   *name,
            const guint8 *bytes,
            gsize         len)
{
  gsize b64_len = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);
  g_autofree char *b64 = g_malloc (b64_len);

  sodium_bin2base64 (b64, b64_len, bytes, len, sodium_base64_VARIANT_ORIGINAL);
  g_key_file_set_string (key_file, group, name, b64);
}

static char *
staff_group_name (const char *staff_id)
{
  return g_strconcat (STAFF_PREFIX, staff_id, NULL);
}

static void
copy_group (GKeyFile   *from,
            GKeyFile   *to,
            const char *group)
{
  g_auto(GStrv) keys = g_key_file_get_keys (from, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (from, group, keys[i], NULL);

      if (value != NULL)
        g_key_file_set_value (to, group, keys[i], value);
    }
}

/* The whole file, integrity group included. */
static GBytes *
serialize (TonicKeySlots *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *body = NULL;
  g_autofree char *digest_b64 = NULL;
  guint8 digest[DIGEST_BYTES];
  gsize digest_b64_len;
  gsize body_len = 0;
  GString *out;

  g_key_file_set_integer (key_file, GROUP_TONIC, "FormatVersion", TONIC_KEY_SLOTS_FORMAT_VERSION);
  g_key_file_set_string (key_file, GROUP_TONIC, "PracticeId", self->practice_id);

  set_base64 (key_file, GROUP_CHECK, "Value", self->check, CHECK_BYTES);

  if (self->has_recovery)
    {
      set_base64 (key_file, GROUP_RECOVERY, "Salt", self->recovery.salt, RECOVERY_SALT_BYTES);
      set_base64 (key_file, GROUP_RECOVERY, "Nonce", self->recovery.nonce, NONCE_BYTES);
      set_base64 (key_file, GROUP_RECOVERY, "Ciphertext", self->recovery.box, BOX_BYTES);
    }

  for (guint i = 0; i < self->staff->len; i++)
    {
      StaffSlot *slot = g_ptr_array_index (self->staff, i);
      g_autofree char *group = staff_group_name (slot->staff_id);

      g_key_file_set_string (key_file, group, "Username", slot->username);
      g_key_file_set_string (key_file, group, "Kdf", KDF_ARGON2ID13);
      g_key_file_set_uint64 (key_file, group, "OpsLimit", slot->opslimit);
      g_key_file_set_uint64 (key_file, group, "MemLimit", slot->memlimit);
      set_base64 (key_file, group, "Salt", slot->salt, STAFF_SALT_BYTES);
      set_base64 (key_file, group, "Nonce", slot->nonce, NONCE_BYTES);
      set_base64 (key_file, group, "Ciphertext", slot->box, BOX_BYTES);
    }

  if (self->has_audit)
    {
      g_key_file_set_int64 (key_file, GROUP_AUDIT, "Sequence", self->audit_sequence);
      g_key_file_set_string (key_file, GROUP_AUDIT, "Hash", self->audit_hash);
    }

  if (self->extra != NULL)
    {
      g_auto(GStrv) groups = g_key_file_get_groups (self->extra, NULL);

      for (guint i = 0; groups[i] != NULL; i++)
        copy_group (self->extra, key_file, groups[i]);
    }

  body = g_key_file_to_data (key_file, &body_len, NULL);
  out = g_string_new_len (body, body_len);
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');

  crypto_generichash (digest, sizeof digest, (const guint8 *) out->str, out->len, NULL, 0);
  digest_b64_len = sodium_base64_encoded_len (sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  digest_b64 = g_malloc (digest_b64_len);
  sodium_bin2base64 (digest_b64, digest_b64_len, digest, sizeof digest,
                     sodium_base64_VARIANT_ORIGINAL);

  /* A blank line, then the integrity group: the digest covers the bytes
   * up to and including the line break before the blank line. */
  g_string_append_printf (out, "\n[" GROUP_INTEGRITY "]\nDigest=%s\n", digest_b64);

  return g_string_free_to_bytes (out);
}

/* Parsing */

static gboolean
set_corrupt_error (GError     **error,
                   const char  *detail)
{
  g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE,
               /* Translators: %s says what is wrong with the file. */
               _("The key-slot file is damaged: %s"), detail);
  return FALSE;
}

static gboolean
get_base64 (GKeyFile    *key_file,
            const char  *group,
            const char  *name,
            guint8      *bytes,
            gsize        len,
            GError     **error)
{
  g_autofree char *b64 = g_key_file_get_string (key_file, group, name, NULL);
  g_autofree char *detail = NULL;
  const char *end = NULL;
  gsize decoded = 0;

  if (b64 != NULL &&
      sodium_base642bin (bytes, len, b64, strlen (b64), NULL, &decoded, &end,
                         sodium_base64_VARIANT_ORIGINAL) == 0 &&
      end == b64 + strlen (b64) &&
      decoded == len)
    return TRUE;

  sodium_memzero (bytes, len);

  /* Translators: the first %s is a key, the second a group, as in the file. */
  detail = g_strdup_printf (_("“%s” in [%s] is missing or not a value of the right size."),
                            name, group);
  return set_corrupt_error (error, detail);
}

static gboolean
get_uint64_in (GKeyFile    *key_file,
               const char  *group,
               const char  *name,
               guint64      min,
               guint64      max,
               guint64     *value,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *raw = g_key_file_get_value (key_file, group, name, NULL);
  g_autofree char *detail = NULL;

  /* g_key_file_get_uint64() accepts "-1"; a limit is digits only. */
  if (raw != NULL && raw[0] >= '0' && raw[0] <= '9')
    {
      *value = g_key_file_get_uint64 (key_file, group, name, &local_error);
      if (local_error == NULL && *value >= min && *value <= max)
        return TRUE;
    }

  /* Translators: the first %s is a key, the second a group, as in the file. */
  detail = g_strdup_printf (_("“%s” in [%s] is missing or out of range."), name, group);
  return set_corrupt_error (error, detail);
}

static char *
get_text (GKeyFile    *key_file,
          const char  *group,
          const char  *name,
          GError     **error)
{
  g_autofree char *value = g_key_file_get_string (key_file, group, name, NULL);
  g_autofree char *detail = NULL;

  if (value != NULL && *value != '\0' && g_utf8_validate (value, -1, NULL))
    return g_steal_pointer (&value);

  /* Translators: the first %s is a key, the second a group, as in the file. */
  detail = g_strdup_printf (_("“%s” in [%s] is missing or empty."), name, group);
  set_corrupt_error (error, detail);
  return NULL;
}

/* The digest covers every byte before the line "[Integrity]", which must
 * be the last group. */
static gboolean
verify_integrity (GKeyFile    *key_file,
                  const char  *data,
                  gsize        len,
                  GError     **error)
{
  static const char header[] = "\n[" GROUP_INTEGRITY "]\n";
  guint8 expected[DIGEST_BYTES];
  guint8 actual[DIGEST_BYTES];
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) keys = NULL;
  const char *at = NULL;
  gsize n_groups = 0;

  groups = g_key_file_get_groups (key_file, &n_groups);
  if (n_groups == 0 || !g_str_equal (groups[n_groups - 1], GROUP_INTEGRITY))
    return set_corrupt_error (error, _("its integrity check is missing, so it may be cut short."));

  keys = g_key_file_get_keys (key_file, GROUP_INTEGRITY, NULL, NULL);
  if (keys == NULL || g_strv_length (keys) != 1 || !g_str_equal (keys[0], "Digest"))
    return set_corrupt_error (error, _("its integrity check is not in the expected form."));

  if (!get_base64 (key_file, GROUP_INTEGRITY, "Digest", expected, sizeof expected, error))
    return FALSE;

  /* The last occurrence: a value cannot hold a line break. */
  for (gsize i = len >= strlen (header) ? len - strlen (header) + 1 : 0; i > 0; i--)
    if (memcmp (data + i - 1, header, strlen (header)) == 0)
      {
        at = data + i - 1;
        break;
      }

  if (at == NULL)
    return set_corrupt_error (error, _("its integrity check is not in the expected form."));

  /* @at is the blank line's break; the body ends with the break before. */
  crypto_generichash (actual, sizeof actual, (const guint8 *) data, (gsize) (at - data), NULL, 0);
  if (sodium_memcmp (actual, expected, sizeof actual) != 0)
    return set_corrupt_error (error, _("its contents do not match its integrity check."));

  return TRUE;
}

static gboolean
parse_staff_group (TonicKeySlots  *self,
                   GKeyFile       *key_file,
                   const char     *group,
                   GError        **error)
{
  StaffSlot *slot;
  g_autofree char *kdf = NULL;
  const char *staff_id = group + strlen (STAFF_PREFIX);

  if (!is_valid_staff_id (staff_id) || find_staff (self, staff_id, NULL) != NULL)
    return set_corrupt_error (error, _("a staff slot has an invalid or repeated name."));

  kdf = get_text (key_file, group, "Kdf", error);
  if (kdf == NULL)
    return FALSE;
  if (!g_str_equal (kdf, KDF_ARGON2ID13))
    return set_corrupt_error (error, _("a staff slot uses an unknown key derivation."));

  slot = g_new0 (StaffSlot, 1);
  g_ptr_array_add (self->staff, slot);
  slot->staff_id = g_strdup (staff_id);
  slot->username = get_text (key_file, group, "Username", error);

  return slot->username != NULL &&
         get_uint64_in (key_file, group, "OpsLimit", crypto_pwhash_OPSLIMIT_MIN,
                        MAX_OPSLIMIT, &slot->opslimit, error) &&
         get_uint64_in (key_file, group, "MemLimit", crypto_pwhash_MEMLIMIT_MIN,
                        MAX_MEMLIMIT, &slot->memlimit, error) &&
         get_base64 (key_file, group, "Salt", slot->salt, STAFF_SALT_BYTES, error) &&
         get_base64 (key_file, group, "Nonce", slot->nonce, NONCE_BYTES, error) &&
         get_base64 (key_file, group, "Ciphertext", slot->box, BOX_BYTES, error);
}

static gboolean
parse (TonicKeySlots  *self,
       const char     *data,
       gsize           len,
       GError        **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *version_text = NULL;
  gint64 version;

  if (len > MAX_FILE_SIZE)
    return set_corrupt_error (error, _("it is far too large."));

  if (!g_key_file_load_from_data (key_file, data, len, G_KEY_FILE_NONE, &local_error))
    return set_corrupt_error (error, local_error->message);

  /* The version first: a newer file may be laid out differently. */
  version_text = g_key_file_get_value (key_file, GROUP_TONIC, "FormatVersion", NULL);
  if (version_text == NULL)
    return set_corrupt_error (error, _("it has no format version."));

  version = g_key_file_get_int64 (key_file, GROUP_TONIC, "FormatVersion", &local_error);
  if (local_error != NULL || version < 1)
    return set_corrupt_error (error, _("its format version is not a version."));

  if (version > TONIC_KEY_SLOTS_FORMAT_VERSION)
    {
      g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_NEWER_SLOT_FILE,
                   /* Translators: %d is a small number, the file format version. */
                   _("The key-slot file was written by a newer version of Tonic (format %d). "
                     "Update Tonic to open this practice."),
                   (int) MIN (version, G_MAXINT));
      return FALSE;
    }

  if (!verify_integrity (key_file, data, len, error))
    return FALSE;

  self->practice_id = get_text (key_file, GROUP_TONIC, "PracticeId", error);
  if (self->practice_id == NULL)
    return FALSE;

  if (!get_base64 (key_file, GROUP_CHECK, "Value", self->check, CHECK_BYTES, error))
    return FALSE;

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];

      if (g_str_equal (group, GROUP_TONIC) || g_str_equal (group, GROUP_CHECK) ||
          g_str_equal (group, GROUP_INTEGRITY))
        continue;

      if (g_str_equal (group, GROUP_RECOVERY))
        {
          RecoverySlot *slot = &self->recovery;

          self->has_recovery = TRUE;
          if (!get_base64 (key_file, group, "Salt", slot->salt, RECOVERY_SALT_BYTES, error) ||
              !get_base64 (key_file, group, "Nonce", slot->nonce, NONCE_BYTES, error) ||
              !get_base64 (key_file, group, "Ciphertext", slot->box, BOX_BYTES, error))
            return FALSE;
        }
      else if (g_str_has_prefix (group, STAFF_PREFIX))
        {
          if (!parse_staff_group (self, key_file, group, error))
            return FALSE;
        }
      else if (g_str_equal (group, GROUP_AUDIT))
        {
          self->audit_hash = get_text (key_file, group, "Hash", error);
          if (self->audit_hash == NULL)
            return FALSE;
          self->audit_sequence = g_key_file_get_int64 (key_file, group, "Sequence", &local_error);
          if (local_error != NULL || self->audit_sequence < 0)
            return set_corrupt_error (error, _("the audit sequence number is not a number."));
          self->has_audit = TRUE;
        }
      else
        {
          if (self->extra == NULL)
            self->extra = g_key_file_new ();
          copy_group (key_file, self->extra, group);
        }
    }

  return TRUE;
}

/* Saving */

static gboolean
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO,
               /* Translators: %s are a file name and the system's reason. */
               _("Could not save the key-slot file “%s”: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize written = write (fd, data, len);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      len -= (gsize) written;
    }

  return TRUE;
}

/* Writes @data to a new 0600 file beside @target and syncs it. Returns its
 * path. */
static char *
write_temporary (const char    *target,
                 GBytes        *data,
                 GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *stem = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *path = g_build_filename (dir, stem, NULL);
  gsize len = 0;
  const guint8 *bytes = g_bytes_get_data (data, &len);
  int saved_errno;
  int fd;

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, target, errno);
      return NULL;
    }

  if (fchmod (fd, 0600) != 0 || !write_all (fd, bytes, len) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (path);
      set_io_error (error, target, saved_errno);
      return NULL;
    }

  if (close (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (path);
      set_io_error (error, target, saved_errno);
      return NULL;
    }

  return g_steal_pointer (&path);
}

static gboolean
sync_directory (const char  *dir,
                GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      return set_io_error (error, dir, saved_errno);
    }

  close (fd);
  return TRUE;
}

/* Replaces @target with @data: the old version, if any, becomes
 * @target.bak first, itself replaced atomically. */
static gboolean
replace_file (const char  *target,
              GBytes      *data,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *backup = g_strconcat (target, ".bak", NULL);
  g_autofree char *new_path = NULL;
  g_autofree char *old_contents = NULL;
  g_autoptr(GError) read_error = NULL;
  gsize old_len = 0;

  new_path = write_temporary (target, data, error);
  if (new_path == NULL)
    return FALSE;

  if (g_file_get_contents (target, &old_contents, &old_len, &read_error))
    {
      g_autoptr(GBytes) old = g_bytes_new_take (g_steal_pointer (&old_contents), old_len);
      g_autofree char *backup_tmp = write_temporary (backup, old, error);

      if (backup_tmp == NULL)
        {
          g_unlink (new_path);
          return FALSE;
        }

      if (g_rename (backup_tmp, backup) != 0)
        {
          int saved_errno = errno;

          g_unlink (backup_tmp);
          g_unlink (new_path);
          return set_io_error (error, backup, saved_errno);
        }

      if (!sync_directory (dir, error))
        {
          g_unlink (new_path);
          return FALSE;
        }
    }
  else if (!g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      /* Never replace a file whose old version could not be kept. */
      g_unlink (new_path);
      g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO,
                   _("Could not save the key-slot file “%s”: %s"),
                   target, read_error->message);
      return FALSE;
    }

  if (g_rename (new_path, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (new_path);
      return set_io_error (error, target, saved_errno);
    }

  return sync_directory (dir, error);
}

/* Unlocking on a thread */

typedef struct
{
  char *username;   /* NULL: recovery key */
  char *secret;     /* guarded memory */
  TonicKeySlots *snapshot;
} UnlockData;

static void
unlock_data_free (UnlockData *data)
{
  g_free (data->username);
  if (data->secret != NULL)
    sodium_free (data->secret);
  g_clear_object (&data->snapshot);
  g_free (data);
}

/* A private copy of the slots, so the thread never reads an object the
 * main thread may be changing. */
static TonicKeySlots *
key_slots_snapshot (TonicKeySlots *self)
{
  TonicKeySlots *copy = g_object_new (TONIC_TYPE_KEY_SLOTS, NULL);

  copy->practice_id = g_strdup (self->practice_id);
  memcpy (copy->check, self->check, CHECK_BYTES);
  copy->has_recovery = self->has_recovery;
  copy->recovery = self->recovery;
  for (guint i = 0; i < self->staff->len; i++)
    g_ptr_array_add (copy->staff, staff_slot_copy (g_ptr_array_index (self->staff, i)));

  return copy;
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData *data = task_data;
  GError *error = NULL;
  TonicKey *key;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->username != NULL)
    key = tonic_key_slots_unlock_password (data->snapshot, data->username, data->secret, &error);
  else
    key = tonic_key_slots_unlock_recovery (data->snapshot, data->secret, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) tonic_key_unref);
}

/* GObject */

static void
tonic_key_slots_finalize (GObject *object)
{
  TonicKeySlots *self = (TonicKeySlots *) object;

  g_clear_pointer (&self->practice_id, g_free);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  g_clear_pointer (&self->audit_hash, g_free);
  g_clear_pointer (&self->extra, g_key_file_unref);
  sodium_memzero (&self->recovery, sizeof self->recovery);
  sodium_memzero (self->check, sizeof self->check);

  G_OBJECT_CLASS (tonic_key_slots_parent_class)->finalize (object);
}

static void
tonic_key_slots_class_init (TonicKeySlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_key_slots_finalize;
}

static void
tonic_key_slots_init (TonicKeySlots *self)
{
  _tonic_vault_init ();

  self->staff = g_ptr_array_new_with_free_func ((GDestroyNotify) staff_slot_free);
}

/* Public API */

/**
 * tonic_key_slots_new:
 * @practice_id: the practice's UUID
 * @key: the practice's database key
 *
 * Returns: (transfer full): slots holding only the check value of @key;
 *   add a recovery slot and staff slots before saving
 */
TonicKeySlots *
tonic_key_slots_new (const char *practice_id,
                     TonicKey   *key)
{
  TonicKeySlots *self;

  g_return_val_if_fail (practice_id != NULL && *practice_id != '\0', NULL);
  g_return_val_if_fail (g_utf8_validate (practice_id, -1, NULL), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (TONIC_TYPE_KEY_SLOTS, NULL);
  self->practice_id = g_strdup (practice_id);
  compute_check (key, self->check);

  return self;
}

/**
 * tonic_key_slots_load:
 * @file: the key-slot file
 * @error: return location for a #GError
 *
 * Reads and checks the whole file. A file that is missing or unreadable
 * gives %TONIC_VAULT_ERROR_IO (the message carries the system's reason),
 * one that is not a complete key-slot file %TONIC_VAULT_ERROR_CORRUPT_SLOT_FILE,
 * one from a newer Tonic %TONIC_VAULT_ERROR_NEWER_SLOT_FILE.
 *
 * Returns: (transfer full) (nullable): the slots
 */
TonicKeySlots *
tonic_key_slots_load (GFile   *file,
                      GError **error)
{
  g_autoptr(TonicKeySlots) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, &local_error))
    {
      name = g_file_get_parse_name (file);
      g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO,
                   /* Translators: %s are a file name and the system's reason. */
                   _("Could not read the key-slot file “%s”: %s"),
                   name, local_error->message);
      return NULL;
    }

  self = g_object_new (TONIC_TYPE_KEY_SLOTS, NULL);
  if (!parse (self, contents, len, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tonic_key_slots_save:
 * @self: the slots
 * @file: a local file, normally practice.keys in the practice's directory
 * @error: return location for a %TONIC_VAULT_ERROR_IO
 *
 * Writes the slots to a new file (mode 0600) beside @file, syncs it, keeps
 * the current @file as @file.bak (also 0600, also atomically), renames the
 * new file over @file and syncs the directory. At every moment @file is
 * either the old or the new version, whole.
 */
gboolean
tonic_key_slots_save (TonicKeySlots  *self,
                      GFile          *file,
                      GError        **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_IO,
                   _("Could not save the key-slot file “%s”: it is not a local file"), name);
      return FALSE;
    }

  data = serialize (self);

  return replace_file (path, data, error);
}

const char *
tonic_key_slots_get_practice_id (TonicKeySlots *self)
{
  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), NULL);

  return self->practice_id;
}

gboolean
tonic_key_slots_check_key (TonicKeySlots  *self,
                           TonicKey       *key,
                           GError        **error)
{
  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!key_passes_check (self, key))
    return set_wrong_key_error (error);

  return TRUE;
}

gboolean
tonic_key_slots_set_recovery (TonicKeySlots  *self,
                              TonicKey       *key,
                              const char     *recovery_key,
                              GError        **error)
{
  guint8 wrap_key[WRAP_KEY_BYTES];
  RecoverySlot slot;
  char *canonical;

  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (recovery_key != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!key_passes_check (self, key))
    return set_wrong_key_error (error);

  canonical = tonic_recovery_key_normalize (recovery_key, error);
  if (canonical == NULL)
    return FALSE;

  randombytes_buf (slot.salt, sizeof slot.salt);
  randombytes_buf (slot.nonce, sizeof slot.nonce);
  derive_recovery_wrap_key (canonical, slot.salt, wrap_key);
  tonic_recovery_key_free (canonical);

  crypto_secretbox_easy (slot.box, tonic_key_get_data (key), TONIC_KEY_SIZE, slot.nonce, wrap_key);
  sodium_memzero (wrap_key, sizeof wrap_key);

  self->recovery = slot;
  self->has_recovery = TRUE;
  sodium_memzero (&slot, sizeof slot);

  return TRUE;
}

gboolean
tonic_key_slots_has_recovery (TonicKeySlots *self)
{
  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), FALSE);

  return self->has_recovery;
}

/**
 * tonic_key_slots_unlock_recovery:
 * @self: the slots
 * @recovery_key: the recovery key as typed
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the database key, or %NULL with
 *   MALFORMED_RECOVERY_KEY (a typing mistake the checksum caught),
 *   WRONG_RECOVERY_KEY (a valid key of another practice, or no recovery
 *   slot) or CORRUPT_SLOT_FILE
 */
TonicKey *
tonic_key_slots_unlock_recovery (TonicKeySlots  *self,
                                 const char     *recovery_key,
                                 GError        **error)
{
  guint8 wrap_key[WRAP_KEY_BYTES];
  TonicKey *key;
  char *canonical;
  gboolean opened = FALSE;

  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  canonical = tonic_recovery_key_normalize (recovery_key, error);
  if (canonical == NULL)
    return NULL;

  if (!self->has_recovery)
    {
      tonic_recovery_key_free (canonical);
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY,
                           _("This practice has no recovery key."));
      return NULL;
    }

  derive_recovery_wrap_key (canonical, self->recovery.salt, wrap_key);
  tonic_recovery_key_free (canonical);

  key = open_box (self, self->recovery.box, self->recovery.nonce, wrap_key, &opened, error);
  sodium_memzero (wrap_key, sizeof wrap_key);

  if (!opened)
    g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_RECOVERY_KEY,
                         _("This recovery key does not open this practice. "
                           "Check that the recovery sheet is this practice’s."));

  return key;
}

/**
 * tonic_key_slots_set_staff:
 * @self: the slots
 * @key: the practice's key (must pass the check)
 * @staff_id: the staff member's stable id (a UUID)
 * @username: the normalised username, as the sign-in page will pass it
 * @password: the staff member's password
 * @error: return location for a #GError
 *
 * Adds the staff member's slot, or replaces it (a new password). Slow on
 * purpose: one Argon2id derivation.
 */
gboolean
tonic_key_slots_set_staff (TonicKeySlots  *self,
                           TonicKey       *key,
                           const char     *staff_id,
                           const char     *username,
                           const char     *password,
                           GError        **error)
{
  guint8 wrap_key[WRAP_KEY_BYTES];
  StaffSlot *slot;
  guint index;

  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (is_valid_staff_id (staff_id), FALSE);
  g_return_val_if_fail (username != NULL && *username != '\0', FALSE);
  g_return_val_if_fail (g_utf8_validate (username, -1, NULL), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!key_passes_check (self, key))
    return set_wrong_key_error (error);

  if (*password == '\0')
    {
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_FAILED,
                           _("An empty password cannot protect the practice."));
      return FALSE;
    }

  slot = g_new0 (StaffSlot, 1);
  slot->staff_id = g_strdup (staff_id);
  slot->username = g_strdup (username);
  slot->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  slot->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  randombytes_buf (slot->salt, sizeof slot->salt);
  randombytes_buf (slot->nonce, sizeof slot->nonce);

  if (!derive_staff_wrap_key (password, slot->salt, slot->opslimit, slot->memlimit, wrap_key))
    {
      sodium_memzero (wrap_key, sizeof wrap_key);
      staff_slot_free (slot);
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_FAILED,
                           _("Not enough memory to protect the password."));
      return FALSE;
    }

  crypto_secretbox_easy (slot->box, tonic_key_get_data (key), TONIC_KEY_SIZE,
                         slot->nonce, wrap_key);
  sodium_memzero (wrap_key, sizeof wrap_key);

  if (find_staff (self, staff_id, &index) != NULL)
    {
      /* Replace in place, keeping the order of the file. */
      staff_slot_free (g_ptr_array_index (self->staff, index));
      self->staff->pdata[index] = slot;
    }
  else
    {
      g_ptr_array_add (self->staff, slot);
    }

  return TRUE;
}

void
tonic_key_slots_remove_staff (TonicKeySlots *self,
                              const char    *staff_id)
{
  guint index;

  g_return_if_fail (TONIC_IS_KEY_SLOTS (self));
  g_return_if_fail (staff_id != NULL);

  if (find_staff (self, staff_id, &index) != NULL)
    g_ptr_array_remove_index (self->staff, index);
}

gboolean
tonic_key_slots_has_staff (TonicKeySlots *self,
                           const char    *staff_id)
{
  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), FALSE);
  g_return_val_if_fail (staff_id != NULL, FALSE);

  return find_staff (self, staff_id, NULL) != NULL;
}

/**
 * tonic_key_slots_unlock_password:
 * @self: the slots
 * @username: the normalised username
 * @password: the password typed
 * @error: return location for a #GError
 *
 * Takes about as long whether or not @username has a slot, and fails the
 * same way (WRONG_PASSWORD) in both cases, so the unlock page cannot be
 * used to find out which usernames exist.
 *
 * Returns: (transfer full) (nullable): the database key
 */
TonicKey *
tonic_key_slots_unlock_password (TonicKeySlots  *self,
                                 const char     *username,
                                 const char     *password,
                                 GError        **error)
{
  guint8 wrap_key[WRAP_KEY_BYTES];
  gboolean tried = FALSE;

  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < self->staff->len; i++)
    {
      StaffSlot *slot = g_ptr_array_index (self->staff, i);
      gboolean opened = FALSE;
      TonicKey *key;

      if (!g_str_equal (slot->username, username))
        continue;

      tried = TRUE;
      if (!derive_staff_wrap_key (password, slot->salt, slot->opslimit, slot->memlimit, wrap_key))
        {
          sodium_memzero (wrap_key, sizeof wrap_key);
          g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_FAILED,
                               _("Not enough memory to check the password."));
          return NULL;
        }

      key = open_box (self, slot->box, slot->nonce, wrap_key, &opened, error);
      sodium_memzero (wrap_key, sizeof wrap_key);

      if (opened)
        return key;
    }

  if (!tried)
    {
      /* The same work as for a real slot, thrown away. */
      static const guint8 dummy_salt[STAFF_SALT_BYTES] = { 0 };

      derive_staff_wrap_key (password, dummy_salt, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE, wrap_key);
      sodium_memzero (wrap_key, sizeof wrap_key);
    }

  g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_WRONG_PASSWORD,
                       _("The username or password is not right."));
  return NULL;
}

/**
 * tonic_key_slots_unlock_async:
 * @self: the slots
 * @username: (nullable): a username for a staff password, %NULL for the
 *   recovery key
 * @secret: the password or recovery key (copied into guarded memory)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Unlocks on a worker thread, working on a copy of the slots taken now.
 */
void
tonic_key_slots_unlock_async (TonicKeySlots       *self,
                              const char          *username,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UnlockData *data;
  gsize len;

  g_return_if_fail (TONIC_IS_KEY_SLOTS (self));
  g_return_if_fail (secret != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  len = strlen (secret);
  data = g_new0 (UnlockData, 1);
  data->username = g_strdup (username);
  data->secret = sodium_malloc (len + 1);
  if (data->secret == NULL)
    g_error ("Could not allocate %" G_GSIZE_FORMAT " bytes of guarded memory", len + 1);
  memcpy (data->secret, secret, len + 1);
  data->snapshot = key_slots_snapshot (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_key_slots_unlock_async);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

/**
 * tonic_key_slots_unlock_finish:
 *
 * Returns: (transfer full) (nullable): the database key
 */
TonicKey *
tonic_key_slots_unlock_finish (TonicKeySlots  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tonic_key_slots_unlock_async,
                        NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_key_slots_set_audit_head (TonicKeySlots *self,
                                gint64         sequence,
                                const char    *hash)
{
  g_return_if_fail (TONIC_IS_KEY_SLOTS (self));
  g_return_if_fail (sequence >= 0);
  g_return_if_fail (hash != NULL && *hash != '\0');
  g_return_if_fail (g_utf8_validate (hash, -1, NULL));

  g_free (self->audit_hash);
  self->audit_hash = g_strdup (hash);
  self->audit_sequence = sequence;
  self->has_audit = TRUE;
}

/**
 * tonic_key_slots_get_audit_head:
 * @self: the slots
 * @sequence: (out) (optional): the newest audit sequence number
 * @hash: (out) (optional) (transfer none): its hash, valid until the next
 *   tonic_key_slots_set_audit_head()
 *
 * Returns: %FALSE when no audit head was ever set
 */
gboolean
tonic_key_slots_get_audit_head (TonicKeySlots  *self,
                                gint64         *sequence,
                                const char    **hash)
{
  g_return_val_if_fail (TONIC_IS_KEY_SLOTS (self), FALSE);

  if (sequence != NULL)
    *sequence = self->has_audit ? self->audit_sequence : 0;
  if (hash != NULL)
    *hash = self->has_audit ? self->audit_hash : NULL;

  return self->has_audit;
}
