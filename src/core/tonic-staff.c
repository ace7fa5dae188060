/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-staff.h"
#include "tonic-text.h"

struct _TonicStaff
{
  GObject parent_instance;

  gint64     id;
  char      *uuid;
  char      *username;
  char      *display_name;
  TonicRole  role;
  char      *password_hash;
  gboolean   active;
};

G_DEFINE_FINAL_TYPE (TonicStaff, tonic_staff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_ROLE,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tonic_staff_finalize (GObject *object)
{
  TonicStaff *self = (TonicStaff *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->password_hash, g_free);

  G_OBJECT_CLASS (tonic_staff_parent_class)->finalize (object);
}

static void
tonic_staff_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TonicStaff *self = TONIC_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_staff_class_init (TonicStaffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_staff_finalize;
  object_class->get_property = tonic_staff_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, TONIC_TYPE_ROLE, TONIC_ROLE_FRONT_DESK,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_staff_init (TonicStaff *self)
{
}

TonicStaff *
tonic_staff_new (gint64      id,
                 const char *uuid,
                 const char *username,
                 const char *display_name,
                 TonicRole   role,
                 const char *password_hash,
                 gboolean    active)
{
  TonicStaff *self;

  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail ((guint) role < TONIC_N_ROLES, NULL);

  self = g_object_new (TONIC_TYPE_STAFF, NULL);
  self->id = id;
  self->uuid = g_strdup (uuid);
  self->username = g_strdup (username);
  self->display_name = g_strdup (display_name);
  self->role = role;
  self->password_hash = g_strdup (password_hash);
  self->active = !!active;

  return self;
}

gint64
tonic_staff_get_id (TonicStaff *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF (self), 0);
  return self->id;
}

const char *
tonic_staff_get_uuid (TonicStaff *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF (self), NULL);
  return self->uuid;
}

const char *
tonic_staff_get_username (TonicStaff *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF (self), NULL);
  return self->username;
}

const char *
tonic_staff_get_display_name (TonicStaff *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF (self), NULL);
  return self->display_name;
}

TonicRole
tonic_staff_get_role (TonicStaff *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF (self), TONIC_ROLE_FRONT_DESK);
  return self->role;
}

const char *
tonic_staff_get_password_hash (TonicStaff *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF (self), NULL);
  return self->password_hash;
}

gboolean
tonic_staff_get_active (TonicStaff *self)
{
  g_return_val_if_fail (TONIC_IS_STAFF (self), FALSE);
  return self->active;
}

char *
tonic_staff_check_display_name (const char *display_name)
{
  return tonic_text_check_line (display_name, TONIC_STAFF_NAME_MAX,
                                _("Enter the person’s full name"));
}

char *
tonic_staff_normalize_username (const char *username)
{
  g_autofree char *stripped = tonic_text_strip (username);
  g_autofree char *folded = NULL;

  if (!g_utf8_validate (stripped, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_casefold (stripped, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

char *
tonic_staff_check_username (const char *username)
{
  g_autofree char *normalized = NULL;
  glong len;

  if (username == NULL || !g_utf8_validate (username, -1, NULL))
    return g_strdup (_("Choose a username"));

  normalized = tonic_staff_normalize_username (username);
  if (*normalized == '\0')
    return g_strdup (_("Choose a username"));

  len = g_utf8_strlen (normalized, -1);
  if (len < TONIC_STAFF_USERNAME_MIN || len > TONIC_STAFF_USERNAME_MAX)
    return g_strdup_printf (_("Use %d to %d characters"),
                            TONIC_STAFF_USERNAME_MIN, TONIC_STAFF_USERNAME_MAX);

  for (const char *p = normalized; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && c != '.' && c != '-' && c != '_')
        return g_strdup (_("Use only letters, digits, dots, dashes and underscores"));
    }

  return NULL;
}

char *
tonic_staff_suggest_username (const char *full_name)
{
  g_autofree char *folded = NULL;
  g_autofree char *plain = NULL;
  GString *out;

  if (full_name == NULL || !g_utf8_validate (full_name, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_strdown (full_name, -1);
  plain = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
  out = g_string_new (NULL);

  for (const char *p = plain; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else if ((c == ' ' || c == '-' || c == '.') && out->len > 0 &&
               out->str[out->len - 1] != '.')
        g_string_append_c (out, '.');
    }

  while (out->len > 0 && out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);

  if (g_utf8_strlen (out->str, -1) > TONIC_STAFF_USERNAME_MAX)
    {
      const char *end = g_utf8_offset_to_pointer (out->str, TONIC_STAFF_USERNAME_MAX);

      g_string_truncate (out, end - out->str);
      /* A cut may end on a dot. */
      while (out->len > 0 && out->str[out->len - 1] == '.')
        g_string_truncate (out, out->len - 1);
    }

  return g_string_free (out, FALSE);
}
