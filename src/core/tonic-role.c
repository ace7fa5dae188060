/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-role"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-role.h"

static const struct
{
  TonicRole   role;
  const char *nick;
  const char *label;
} roles[] = {
  { TONIC_ROLE_ADMIN, "admin", N_("Administrator") },
  { TONIC_ROLE_CLINICIAN, "clinician", N_("Clinician") },
  { TONIC_ROLE_NURSE, "nurse", N_("Nurse") },
  { TONIC_ROLE_FRONT_DESK, "front-desk", N_("Front Desk") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (roles) == TONIC_N_ROLES);

GType
tonic_role_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TONIC_ROLE_ADMIN, "TONIC_ROLE_ADMIN", "admin" },
        { TONIC_ROLE_CLINICIAN, "TONIC_ROLE_CLINICIAN", "clinician" },
        { TONIC_ROLE_NURSE, "TONIC_ROLE_NURSE", "nurse" },
        { TONIC_ROLE_FRONT_DESK, "TONIC_ROLE_FRONT_DESK", "front-desk" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicRole", values));
    }

  return type_id;
}

const char *
tonic_role_to_string (TonicRole role)
{
  g_return_val_if_fail ((guint) role < TONIC_N_ROLES, NULL);

  return roles[role].nick;
}

gboolean
tonic_role_from_string (const char *str,
                        TonicRole  *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (g_str_equal (str, roles[i].nick))
        {
          *role = roles[i].role;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_role_get_label (TonicRole role)
{
  g_return_val_if_fail ((guint) role < TONIC_N_ROLES, NULL);

  return _(roles[role].label);
}
