/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-audit-event"

#include "config.h"

#include "tonic-audit-event.h"

struct _TonicAuditEvent
{
  GObject parent_instance;

  gint64             sequence;
  char              *at;
  gint64             staff_id;
  char              *staff_name;
  char              *action;
  gint64             patient_id;
  char              *object_type;
  char              *object_id;
  TonicAuditOutcome  outcome;
  char              *detail;
  gboolean           emergency;
};

G_DEFINE_FINAL_TYPE (TonicAuditEvent, tonic_audit_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQUENCE,
  PROP_AT,
  PROP_STAFF_ID,
  PROP_STAFF_NAME,
  PROP_ACTION,
  PROP_PATIENT_ID,
  PROP_OBJECT_TYPE,
  PROP_OBJECT_ID,
  PROP_OUTCOME,
  PROP_DETAIL,
  PROP_EMERGENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const outcome_names[] = {
  [TONIC_AUDIT_OK] = "ok",
  [TONIC_AUDIT_DENIED] = "denied",
  [TONIC_AUDIT_FAILED] = "failed",
};

GType
tonic_audit_outcome_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TONIC_AUDIT_OK, "TONIC_AUDIT_OK", "ok" },
        { TONIC_AUDIT_DENIED, "TONIC_AUDIT_DENIED", "denied" },
        { TONIC_AUDIT_FAILED, "TONIC_AUDIT_FAILED", "failed" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicAuditOutcome", values));
    }

  return type_id;
}

static void
tonic_audit_event_finalize (GObject *object)
{
  TonicAuditEvent *self = (TonicAuditEvent *) object;

  g_clear_pointer (&self->at, g_free);
  g_clear_pointer (&self->staff_name, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->object_type, g_free);
  g_clear_pointer (&self->object_id, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (tonic_audit_event_parent_class)->finalize (object);
}

static void
tonic_audit_event_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TonicAuditEvent *self = TONIC_AUDIT_EVENT (object);

  switch (prop_id)
    {
    case PROP_SEQUENCE:
      g_value_set_int64 (value, self->sequence);
      break;
    case PROP_AT:
      g_value_set_string (value, self->at);
      break;
    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->staff_id);
      break;
    case PROP_STAFF_NAME:
      g_value_set_string (value, self->staff_name);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_PATIENT_ID:
      g_value_set_int64 (value, self->patient_id);
      break;
    case PROP_OBJECT_TYPE:
      g_value_set_string (value, self->object_type);
      break;
    case PROP_OBJECT_ID:
      g_value_set_string (value, self->object_id);
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_EMERGENCY:
      g_value_set_boolean (value, self->emergency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tonic_audit_event_class_init (TonicAuditEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_audit_event_finalize;
  object_class->get_property = tonic_audit_event_get_property;

  properties[PROP_SEQUENCE] =
    g_param_spec_int64 ("sequence", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT] =
    g_param_spec_string ("at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAFF_NAME] =
    g_param_spec_string ("staff-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] =
    g_param_spec_string ("action", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OBJECT_TYPE] =
    g_param_spec_string ("object-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OBJECT_ID] =
    g_param_spec_string ("object-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL, TONIC_TYPE_AUDIT_OUTCOME, TONIC_AUDIT_OK,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMERGENCY] =
    g_param_spec_boolean ("emergency", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_audit_event_init (TonicAuditEvent *self)
{
}

/**
 * tonic_audit_event_new:
 * @sequence: the row's place in the trail (from 1)
 * @at: when it happened, UTC ISO-8601
 * @staff_id: who did it, or 0 for nobody signed in
 * @staff_name: (nullable): their display name
 * @action: what was done ("sign-in", "staff.add", …)
 * @patient_id: the patient it concerns, or 0
 * @object_type: (nullable): the kind of record it concerns ("staff", …)
 * @object_id: (nullable): that record's id
 * @outcome: whether it was done, refused or failed
 * @detail: (nullable): a short note, never clinical content
 * @emergency: whether it was done under emergency access
 *
 * Returns: (transfer full): a new, immutable event
 */
TonicAuditEvent *
tonic_audit_event_new (gint64             sequence,
                       const char        *at,
                       gint64             staff_id,
                       const char        *staff_name,
                       const char        *action,
                       gint64             patient_id,
                       const char        *object_type,
                       const char        *object_id,
                       TonicAuditOutcome  outcome,
                       const char        *detail,
                       gboolean           emergency)
{
  TonicAuditEvent *self;

  g_return_val_if_fail (sequence >= 0, NULL);
  g_return_val_if_fail (at != NULL, NULL);
  g_return_val_if_fail (staff_id >= 0, NULL);
  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (patient_id >= 0, NULL);
  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (outcome_names), NULL);

  self = g_object_new (TONIC_TYPE_AUDIT_EVENT, NULL);
  self->sequence = sequence;
  self->at = g_strdup (at);
  self->staff_id = staff_id;
  self->staff_name = g_strdup (staff_name);
  self->action = g_strdup (action);
  self->patient_id = patient_id;
  self->object_type = g_strdup (object_type);
  self->object_id = g_strdup (object_id);
  self->outcome = outcome;
  self->detail = g_strdup (detail);
  self->emergency = !!emergency;

  return self;
}

gint64
tonic_audit_event_get_sequence (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), 0);
  return self->sequence;
}

const char *
tonic_audit_event_get_at (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), NULL);
  return self->at;
}

gint64
tonic_audit_event_get_staff_id (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), 0);
  return self->staff_id;
}

const char *
tonic_audit_event_get_staff_name (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), NULL);
  return self->staff_name;
}

const char *
tonic_audit_event_get_action (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), NULL);
  return self->action;
}

gint64
tonic_audit_event_get_patient_id (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), 0);
  return self->patient_id;
}

const char *
tonic_audit_event_get_object_type (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), NULL);
  return self->object_type;
}

const char *
tonic_audit_event_get_object_id (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), NULL);
  return self->object_id;
}

TonicAuditOutcome
tonic_audit_event_get_outcome (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), TONIC_AUDIT_FAILED);
  return self->outcome;
}

const char *
tonic_audit_event_get_detail (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), NULL);
  return self->detail;
}

gboolean
tonic_audit_event_get_emergency (TonicAuditEvent *self)
{
  g_return_val_if_fail (TONIC_IS_AUDIT_EVENT (self), FALSE);
  return self->emergency;
}

const char *
tonic_audit_outcome_to_string (TonicAuditOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (outcome_names), NULL);

  return outcome_names[outcome];
}

gboolean
tonic_audit_outcome_from_string (const char        *str,
                                 TonicAuditOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (outcome_names); i++)
    {
      if (g_str_equal (str, outcome_names[i]))
        {
          *outcome = (TonicAuditOutcome) i;
          return TRUE;
        }
    }

  return FALSE;
}
