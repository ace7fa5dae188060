/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-permission"

#include "config.h"

#include "tonic-permission.h"

/* The one table of who may do what (SECURITY.md, "People and permissions").
 * Columns: admin, clinician, nurse, front desk. */
static const struct
{
  TonicAction action;
  const char *name;
  gboolean    allowed[TONIC_N_ROLES];
  gboolean    in_emergency;
} table[] = {
  /*                                                 admin  clinician nurse  front desk */
  { TONIC_ACTION_STAFF_VIEW,       "staff.view",       { TRUE,  FALSE,    FALSE, FALSE }, FALSE },
  { TONIC_ACTION_STAFF_MANAGE,     "staff.manage",     { TRUE,  FALSE,    FALSE, FALSE }, FALSE },
  { TONIC_ACTION_AUDIT_VIEW,       "audit.view",       { TRUE,  FALSE,    FALSE, FALSE }, FALSE },
  { TONIC_ACTION_SETTINGS_MANAGE,  "settings.manage",  { TRUE,  FALSE,    FALSE, FALSE }, FALSE },
  { TONIC_ACTION_EMERGENCY_ACCESS, "emergency.access", { TRUE,  TRUE,     TRUE,  TRUE  }, FALSE },
  { TONIC_ACTION_CLINICAL_VIEW,    "clinical.view",    { FALSE, TRUE,     TRUE,  FALSE }, TRUE  },
  { TONIC_ACTION_PATIENT_VIEW,     "patient.view",     { TRUE,  TRUE,     TRUE,  TRUE  }, FALSE },
  { TONIC_ACTION_PATIENT_EDIT,     "patient.edit",     { TRUE,  TRUE,     TRUE,  TRUE  }, FALSE },
  { TONIC_ACTION_CLINICAL_EDIT,    "clinical.edit",    { FALSE, TRUE,     TRUE,  FALSE }, FALSE },
  { TONIC_ACTION_APPOINTMENT_VIEW, "appointment.view", { TRUE,  TRUE,     TRUE,  TRUE  }, FALSE },
  { TONIC_ACTION_APPOINTMENT_EDIT, "appointment.edit", { TRUE,  TRUE,     TRUE,  TRUE  }, FALSE },
  { TONIC_ACTION_PATIENT_IMPORT,   "patient.import",   { TRUE,  FALSE,    FALSE, FALSE }, FALSE },
  { TONIC_ACTION_PLAN_EDIT,        "plan.edit",        { FALSE, TRUE,     FALSE, FALSE }, FALSE },
  { TONIC_ACTION_PLAN_SIGN,        "plan.sign",        { FALSE, TRUE,     FALSE, FALSE }, FALSE },
  { TONIC_ACTION_SESSION_RECORD,   "session.record",   { FALSE, TRUE,     TRUE,  FALSE }, FALSE },
  { TONIC_ACTION_SESSION_SIGN,     "session.sign",     { FALSE, TRUE,     FALSE, FALSE }, FALSE },
  { TONIC_ACTION_SAFETY_ACKNOWLEDGE, "safety.acknowledge", { FALSE, TRUE,  FALSE, FALSE }, FALSE },
  { TONIC_ACTION_OVERVIEW_VIEW,    "overview.view",    { TRUE,  TRUE,     FALSE, FALSE }, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (table) == TONIC_N_ACTIONS);
G_STATIC_ASSERT (TONIC_ROLE_ADMIN == 0 && TONIC_ROLE_CLINICIAN == 1 &&
                 TONIC_ROLE_NURSE == 2 && TONIC_ROLE_FRONT_DESK == 3);

const char *
tonic_action_to_string (TonicAction action)
{
  g_return_val_if_fail ((guint) action < TONIC_N_ACTIONS, NULL);
  g_assert (table[action].action == action);

  return table[action].name;
}

gboolean
tonic_action_from_string (const char  *str,
                          TonicAction *action)
{
  g_return_val_if_fail (action != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (table); i++)
    {
      if (g_str_equal (str, table[i].name))
        {
          *action = table[i].action;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
tonic_permission_allows (TonicRole   role,
                         TonicAction action)
{
  g_return_val_if_fail ((guint) role < TONIC_N_ROLES, FALSE);
  g_return_val_if_fail ((guint) action < TONIC_N_ACTIONS, FALSE);

  return table[action].allowed[role];
}

gboolean
tonic_permission_allows_in_emergency (TonicAction action)
{
  g_return_val_if_fail ((guint) action < TONIC_N_ACTIONS, FALSE);

  return table[action].in_emergency;
}
