/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tonic-role.h"

G_BEGIN_DECLS

/**
 * TonicAction:
 *
 * What a staff member may be allowed to do. The store checks every
 * repository call against tonic_permission_allows() (SECURITY.md: one table
 * (role × action) → allowed); the GUI hides what a role cannot use. Later
 * features append their actions here, and to the table in
 * tonic-permission.c, never reorder them.
 */
typedef enum
{
  TONIC_ACTION_STAFF_VIEW,       /* see the staff list */
  TONIC_ACTION_STAFF_MANAGE,     /* add, edit, deactivate, reset passwords, change roles */
  TONIC_ACTION_AUDIT_VIEW,       /* read and verify the audit trail */
  TONIC_ACTION_SETTINGS_MANAGE,  /* practice settings, such as enabling emergency access */
  TONIC_ACTION_EMERGENCY_ACCESS, /* invoke break-glass emergency access, when enabled */
  TONIC_ACTION_CLINICAL_VIEW,    /* read clinical content: notes, measures, plans, sessions */
  TONIC_ACTION_PATIENT_VIEW,     /* find patients, read demographics and contacts */
  TONIC_ACTION_PATIENT_EDIT,     /* register patients, edit demographics, archive and restore */
  TONIC_ACTION_CLINICAL_EDIT,    /* indications, allergies, medications, weights */
  TONIC_ACTION_APPOINTMENT_VIEW, /* the day's board and a patient's appointments */
  TONIC_ACTION_APPOINTMENT_EDIT, /* book, move, cancel, check in, move along the board */
  TONIC_ACTION_PATIENT_IMPORT,   /* bring in many patients at once (the sample practice) */
  TONIC_ACTION_PLAN_EDIT,        /* draft, revise and discard treatment plans */
  TONIC_ACTION_PLAN_SIGN,        /* sign a plan version, end a course */
  TONIC_ACTION_SESSION_RECORD,   /* document a session: pre-checks, dose, vitals, scores */
  TONIC_ACTION_SESSION_SIGN,     /* sign a session, amend a signed one */
  TONIC_ACTION_SAFETY_ACKNOWLEDGE, /* acknowledge a safety flag (PHQ-9 item 9, C-SSRS) */
  TONIC_ACTION_OVERVIEW_VIEW,    /* the practice's outcomes by indication, no patient named */
} TonicAction;

#define TONIC_N_ACTIONS (TONIC_ACTION_OVERVIEW_VIEW + 1)

/* The stable name used in the audit trail ("staff.manage", …). */
const char *tonic_action_to_string    (TonicAction  action);
gboolean    tonic_action_from_string  (const char  *str,
                                       TonicAction *action);

/* Whether @role may do @action. */
gboolean    tonic_permission_allows   (TonicRole    role,
                                       TonicAction  action);

/* Whether emergency access, once invoked with a reason, lets any role do
 * @action (reading clinical content in an emergency; never managing staff,
 * settings or the audit trail). */
gboolean    tonic_permission_allows_in_emergency (TonicAction action);

G_END_DECLS
