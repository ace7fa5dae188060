/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  TONIC_AUDIT_OK,
  TONIC_AUDIT_DENIED,
  TONIC_AUDIT_FAILED,
} TonicAuditOutcome;

#define TONIC_TYPE_AUDIT_OUTCOME (tonic_audit_outcome_get_type ())
GType tonic_audit_outcome_get_type (void) G_GNUC_CONST;

#define TONIC_TYPE_AUDIT_EVENT (tonic_audit_event_get_type ())
G_DECLARE_FINAL_TYPE (TonicAuditEvent, tonic_audit_event, TONIC, AUDIT_EVENT, GObject)

/* One immutable row of the audit trail (SECURITY.md, "Audit trail").
 * Properties (read-only, for list bindings): sequence, at, staff-id,
 * staff-name, action, patient-id, object-type, object-id, outcome,
 * detail, emergency. */
TonicAuditEvent  *tonic_audit_event_new             (gint64             sequence,
                                                     const char        *at,
                                                     gint64             staff_id,
                                                     const char        *staff_name,
                                                     const char        *action,
                                                     gint64             patient_id,
                                                     const char        *object_type,
                                                     const char        *object_id,
                                                     TonicAuditOutcome  outcome,
                                                     const char        *detail,
                                                     gboolean           emergency);
gint64            tonic_audit_event_get_sequence    (TonicAuditEvent   *self);
/* UTC ISO-8601. */
const char       *tonic_audit_event_get_at          (TonicAuditEvent   *self);
/* 0 when no staff member was signed in (a failed sign-in of an unknown name). */
gint64            tonic_audit_event_get_staff_id    (TonicAuditEvent   *self);
/* The staff member's display name at the time of reading, or NULL. */
const char       *tonic_audit_event_get_staff_name  (TonicAuditEvent   *self);
/* "sign-in", "staff.add", "chart.open", … */
const char       *tonic_audit_event_get_action      (TonicAuditEvent   *self);
/* 0 when the event is about no patient. */
gint64            tonic_audit_event_get_patient_id  (TonicAuditEvent   *self);
const char       *tonic_audit_event_get_object_type (TonicAuditEvent   *self);
const char       *tonic_audit_event_get_object_id   (TonicAuditEvent   *self);
TonicAuditOutcome tonic_audit_event_get_outcome     (TonicAuditEvent   *self);
/* Never clinical content. */
const char       *tonic_audit_event_get_detail      (TonicAuditEvent   *self);
/* Done under break-glass emergency access. */
gboolean          tonic_audit_event_get_emergency   (TonicAuditEvent   *self);

/* The stable name stored in the trail: "ok", "denied", "failed". */
const char       *tonic_audit_outcome_to_string     (TonicAuditOutcome  outcome);
gboolean          tonic_audit_outcome_from_string   (const char        *str,
                                                     TonicAuditOutcome *outcome);

G_END_DECLS
