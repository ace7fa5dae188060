/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-appointment"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-appointment.h"
#include "tonic-check.h"

struct _TonicAppointment
{
  GObject parent_instance;

  /* Owned: strings g_strdup()ed (never NULL), times UTC references. */
  TonicAppointmentFields  fields;
  GDateTime              *end;
};

G_DEFINE_FINAL_TYPE (TonicAppointment, tonic_appointment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PATIENT_ID,
  PROP_PATIENT_NAME,
  PROP_APPOINTMENT_TYPE,
  PROP_CHAIR,
  PROP_STAFF_ID,
  PROP_START,
  PROP_END,
  PROP_MINUTES,
  PROP_STATE,
  PROP_STATE_CHANGED_AT,
  PROP_NOTE,
  PROP_ARRIVED_AT,
  PROP_IN_CHAIR_AT,
  PROP_RECOVERY_AT,
  PROP_DISCHARGED_AT,
  PROP_IDENTITY_CONFIRMED,
  PROP_DRIVER_CONFIRMED,
  PROP_FASTING_CONFIRMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  TonicAppointmentType  type;
  const char           *id;
  const char           *label;
  int                   treatment_minutes;
  int                   recovery_minutes;
} types[] = {
  { TONIC_APPOINTMENT_TYPE_IV_INFUSION, "iv-infusion", N_("IV infusion"), 40, 60 },
  { TONIC_APPOINTMENT_TYPE_IM_INJECTION, "im-injection", N_("IM injection"), 30, 60 },
  /* Dosing and at least 2 h of REMS observation, then time to leave. */
  { TONIC_APPOINTMENT_TYPE_ESKETAMINE, "esketamine", N_("Esketamine nasal spray"), 120, 15 },
  { TONIC_APPOINTMENT_TYPE_CONSULTATION, "consultation", N_("Consultation"), 45, 0 },
  { TONIC_APPOINTMENT_TYPE_FOLLOW_UP, "follow-up", N_("Follow-up"), 30, 0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (types) == TONIC_N_APPOINTMENT_TYPES);

static const struct
{
  TonicAppointmentState  state;
  const char            *id;
  const char            *label;
} states[] = {
  { TONIC_APPOINTMENT_STATE_SCHEDULED, "scheduled", N_("Scheduled") },
  { TONIC_APPOINTMENT_STATE_ARRIVED, "arrived", N_("Arrived") },
  { TONIC_APPOINTMENT_STATE_IN_CHAIR, "in-chair", N_("In chair") },
  { TONIC_APPOINTMENT_STATE_RECOVERY, "recovery", N_("Recovery") },
  { TONIC_APPOINTMENT_STATE_DISCHARGED, "discharged", N_("Discharged") },
  { TONIC_APPOINTMENT_STATE_NO_SHOW, "no-show", N_("No-show") },
  { TONIC_APPOINTMENT_STATE_CANCELLED, "cancelled", N_("Cancelled") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (states) == TONIC_N_APPOINTMENT_STATES);

#define ROLE(r)   (1u << (r))
#define DESK      (ROLE (TONIC_ROLE_FRONT_DESK) | ROLE (TONIC_ROLE_ADMIN))
#define CLINICAL  (ROLE (TONIC_ROLE_CLINICIAN) | ROLE (TONIC_ROLE_NURSE))
#define ANYONE    (DESK | CLINICAL)

/* The board state machine; see tonic_appointment_can_transition(). */
static const struct
{
  TonicAppointmentState from;
  TonicAppointmentState to;
  guint                 roles;
} transitions[] = {
  { TONIC_APPOINTMENT_STATE_SCHEDULED, TONIC_APPOINTMENT_STATE_ARRIVED, ANYONE },
  { TONIC_APPOINTMENT_STATE_SCHEDULED, TONIC_APPOINTMENT_STATE_NO_SHOW, ANYONE },
  { TONIC_APPOINTMENT_STATE_SCHEDULED, TONIC_APPOINTMENT_STATE_CANCELLED, ANYONE },
  { TONIC_APPOINTMENT_STATE_ARRIVED, TONIC_APPOINTMENT_STATE_SCHEDULED, ANYONE },
  { TONIC_APPOINTMENT_STATE_ARRIVED, TONIC_APPOINTMENT_STATE_IN_CHAIR, CLINICAL },
  { TONIC_APPOINTMENT_STATE_IN_CHAIR, TONIC_APPOINTMENT_STATE_RECOVERY, CLINICAL },
  { TONIC_APPOINTMENT_STATE_RECOVERY, TONIC_APPOINTMENT_STATE_DISCHARGED, CLINICAL },
  { TONIC_APPOINTMENT_STATE_NO_SHOW, TONIC_APPOINTMENT_STATE_SCHEDULED, ANYONE },
  { TONIC_APPOINTMENT_STATE_CANCELLED, TONIC_APPOINTMENT_STATE_SCHEDULED, ANYONE },
};

GType
tonic_appointment_type_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TONIC_APPOINTMENT_TYPE_IV_INFUSION, "TONIC_APPOINTMENT_TYPE_IV_INFUSION", "iv-infusion" },
        { TONIC_APPOINTMENT_TYPE_IM_INJECTION, "TONIC_APPOINTMENT_TYPE_IM_INJECTION", "im-injection" },
        { TONIC_APPOINTMENT_TYPE_ESKETAMINE, "TONIC_APPOINTMENT_TYPE_ESKETAMINE", "esketamine" },
        { TONIC_APPOINTMENT_TYPE_CONSULTATION, "TONIC_APPOINTMENT_TYPE_CONSULTATION", "consultation" },
        { TONIC_APPOINTMENT_TYPE_FOLLOW_UP, "TONIC_APPOINTMENT_TYPE_FOLLOW_UP", "follow-up" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicAppointmentType", values));
    }

  return type_id;
}

const char *
tonic_appointment_type_to_string (TonicAppointmentType type)
{
  g_return_val_if_fail ((guint) type < TONIC_N_APPOINTMENT_TYPES, NULL);

  return types[type].id;
}

gboolean
tonic_appointment_type_from_string (const char           *str,
                                    TonicAppointmentType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (types); i++)
    {
      if (g_str_equal (str, types[i].id))
        {
          *type = types[i].type;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_appointment_type_get_label (TonicAppointmentType type)
{
  g_return_val_if_fail ((guint) type < TONIC_N_APPOINTMENT_TYPES, NULL);

  return _(types[type].label);
}

int
tonic_appointment_type_get_default_treatment_minutes (TonicAppointmentType type)
{
  g_return_val_if_fail ((guint) type < TONIC_N_APPOINTMENT_TYPES, 0);

  return types[type].treatment_minutes;
}

int
tonic_appointment_type_get_default_recovery_minutes (TonicAppointmentType type)
{
  g_return_val_if_fail ((guint) type < TONIC_N_APPOINTMENT_TYPES, 0);

  return types[type].recovery_minutes;
}

gboolean
tonic_appointment_type_gives_dose (TonicAppointmentType type)
{
  g_return_val_if_fail ((guint) type < TONIC_N_APPOINTMENT_TYPES, FALSE);

  return type != TONIC_APPOINTMENT_TYPE_CONSULTATION && type != TONIC_APPOINTMENT_TYPE_FOLLOW_UP;
}

int
tonic_appointment_type_get_default_minutes (TonicAppointmentType type)
{
  g_return_val_if_fail ((guint) type < TONIC_N_APPOINTMENT_TYPES, 0);

  return types[type].treatment_minutes + types[type].recovery_minutes;
}

GType
tonic_appointment_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { TONIC_APPOINTMENT_STATE_SCHEDULED, "TONIC_APPOINTMENT_STATE_SCHEDULED", "scheduled" },
        { TONIC_APPOINTMENT_STATE_ARRIVED, "TONIC_APPOINTMENT_STATE_ARRIVED", "arrived" },
        { TONIC_APPOINTMENT_STATE_IN_CHAIR, "TONIC_APPOINTMENT_STATE_IN_CHAIR", "in-chair" },
        { TONIC_APPOINTMENT_STATE_RECOVERY, "TONIC_APPOINTMENT_STATE_RECOVERY", "recovery" },
        { TONIC_APPOINTMENT_STATE_DISCHARGED, "TONIC_APPOINTMENT_STATE_DISCHARGED", "discharged" },
        { TONIC_APPOINTMENT_STATE_NO_SHOW, "TONIC_APPOINTMENT_STATE_NO_SHOW", "no-show" },
        { TONIC_APPOINTMENT_STATE_CANCELLED, "TONIC_APPOINTMENT_STATE_CANCELLED", "cancelled" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("TonicAppointmentState", values));
    }

  return type_id;
}

const char *
tonic_appointment_state_to_string (TonicAppointmentState state)
{
  g_return_val_if_fail ((guint) state < TONIC_N_APPOINTMENT_STATES, NULL);

  return states[state].id;
}

gboolean
tonic_appointment_state_from_string (const char            *str,
                                     TonicAppointmentState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (states); i++)
    {
      if (g_str_equal (str, states[i].id))
        {
          *state = states[i].state;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_appointment_state_get_label (TonicAppointmentState state)
{
  g_return_val_if_fail ((guint) state < TONIC_N_APPOINTMENT_STATES, NULL);

  return _(states[state].label);
}

gboolean
tonic_appointment_state_is_final (TonicAppointmentState state)
{
  return state == TONIC_APPOINTMENT_STATE_DISCHARGED ||
         state == TONIC_APPOINTMENT_STATE_NO_SHOW ||
         state == TONIC_APPOINTMENT_STATE_CANCELLED;
}

gboolean
tonic_appointment_state_holds_chair (TonicAppointmentState state)
{
  return state != TONIC_APPOINTMENT_STATE_NO_SHOW &&
         state != TONIC_APPOINTMENT_STATE_CANCELLED;
}

TonicAppointmentState
tonic_appointment_state_get_next (TonicAppointmentState state)
{
  switch (state)
    {
    case TONIC_APPOINTMENT_STATE_SCHEDULED:
      return TONIC_APPOINTMENT_STATE_ARRIVED;
    case TONIC_APPOINTMENT_STATE_ARRIVED:
      return TONIC_APPOINTMENT_STATE_IN_CHAIR;
    case TONIC_APPOINTMENT_STATE_IN_CHAIR:
      return TONIC_APPOINTMENT_STATE_RECOVERY;
    case TONIC_APPOINTMENT_STATE_RECOVERY:
      return TONIC_APPOINTMENT_STATE_DISCHARGED;
    case TONIC_APPOINTMENT_STATE_DISCHARGED:
    case TONIC_APPOINTMENT_STATE_NO_SHOW:
    case TONIC_APPOINTMENT_STATE_CANCELLED:
    default:
      return state;
    }
}

static guint
transition_roles (TonicAppointmentState from,
                  TonicAppointmentState to)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].from == from && transitions[i].to == to)
      return transitions[i].roles;

  return 0;
}

gboolean
tonic_appointment_can_transition (TonicAppointmentState from,
                                  TonicAppointmentState to,
                                  TonicRole             role)
{
  g_return_val_if_fail ((guint) from < TONIC_N_APPOINTMENT_STATES, FALSE);
  g_return_val_if_fail ((guint) to < TONIC_N_APPOINTMENT_STATES, FALSE);
  g_return_val_if_fail ((guint) role < TONIC_N_ROLES, FALSE);

  return (transition_roles (from, to) & ROLE (role)) != 0;
}

static GDateTime *
dup_utc (GDateTime *time)
{
  return time != NULL ? g_date_time_to_utc (time) : NULL;
}

static void
clear_fields (TonicAppointmentFields *f)
{
  g_free ((char *) f->uuid);
  g_free ((char *) f->patient_name);
  g_free ((char *) f->note);
  g_clear_pointer (&f->start, g_date_time_unref);
  g_clear_pointer (&f->state_changed_at, g_date_time_unref);
  g_clear_pointer (&f->arrived_at, g_date_time_unref);
  g_clear_pointer (&f->in_chair_at, g_date_time_unref);
  g_clear_pointer (&f->recovery_at, g_date_time_unref);
  g_clear_pointer (&f->discharged_at, g_date_time_unref);
}

static void
tonic_appointment_finalize (GObject *object)
{
  TonicAppointment *self = (TonicAppointment *) object;

  clear_fields (&self->fields);
  g_clear_pointer (&self->end, g_date_time_unref);

  G_OBJECT_CLASS (tonic_appointment_parent_class)->finalize (object);
}

static void
tonic_appointment_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TonicAppointment *self = TONIC_APPOINTMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->fields.id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->fields.uuid);
      break;
    case PROP_PATIENT_ID:
      g_value_set_int64 (value, self->fields.patient_id);
      break;
    case PROP_PATIENT_NAME:
      g_value_set_string (value, self->fields.patient_name);
      break;
    case PROP_APPOINTMENT_TYPE:
      g_value_set_enum (value, self->fields.type);
      break;
    case PROP_CHAIR:
      g_value_set_int (value, self->fields.chair);
      break;
    case PROP_STAFF_ID:
      g_value_set_int64 (value, self->fields.staff_id);
      break;
    case PROP_START:
      g_value_set_boxed (value, self->fields.start);
      break;
    case PROP_END:
      g_value_set_boxed (value, self->end);
      break;
    case PROP_MINUTES:
      g_value_set_int (value, self->fields.minutes);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->fields.state);
      break;
    case PROP_STATE_CHANGED_AT:
      g_value_set_boxed (value, self->fields.state_changed_at);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->fields.note);
      break;
    case PROP_ARRIVED_AT:
      g_value_set_boxed (value, self->fields.arrived_at);
      break;
    case PROP_IN_CHAIR_AT:
      g_value_set_boxed (value, self->fields.in_chair_at);
      break;
    case PROP_RECOVERY_AT:
      g_value_set_boxed (value, self->fields.recovery_at);
      break;
    case PROP_DISCHARGED_AT:
      g_value_set_boxed (value, self->fields.discharged_at);
      break;
    case PROP_IDENTITY_CONFIRMED:
      g_value_set_boolean (value, self->fields.identity_confirmed);
      break;
    case PROP_DRIVER_CONFIRMED:
      g_value_set_boolean (value, self->fields.driver_confirmed);
      break;
    case PROP_FASTING_CONFIRMED:
      g_value_set_boolean (value, self->fields.fasting_confirmed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
time_param (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
flag_param (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
tonic_appointment_class_init (TonicAppointmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_appointment_finalize;
  object_class->get_property = tonic_appointment_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_ID] =
    g_param_spec_int64 ("patient-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_NAME] =
    g_param_spec_string ("patient-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPOINTMENT_TYPE] =
    g_param_spec_enum ("appointment-type", NULL, NULL, TONIC_TYPE_APPOINTMENT_TYPE,
                       TONIC_APPOINTMENT_TYPE_IV_INFUSION,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAIR] =
    g_param_spec_int ("chair", NULL, NULL, 0, G_MAXINT, 1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_START] = time_param ("start");
  properties[PROP_END] = time_param ("end");
  properties[PROP_MINUTES] =
    g_param_spec_int ("minutes", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TONIC_TYPE_APPOINTMENT_STATE,
                       TONIC_APPOINTMENT_STATE_SCHEDULED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_CHANGED_AT] = time_param ("state-changed-at");
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARRIVED_AT] = time_param ("arrived-at");
  properties[PROP_IN_CHAIR_AT] = time_param ("in-chair-at");
  properties[PROP_RECOVERY_AT] = time_param ("recovery-at");
  properties[PROP_DISCHARGED_AT] = time_param ("discharged-at");
  properties[PROP_IDENTITY_CONFIRMED] = flag_param ("identity-confirmed");
  properties[PROP_DRIVER_CONFIRMED] = flag_param ("driver-confirmed");
  properties[PROP_FASTING_CONFIRMED] = flag_param ("fasting-confirmed");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tonic_appointment_init (TonicAppointment *self)
{
}

TonicAppointment *
tonic_appointment_new (const TonicAppointmentFields *fields)
{
  TonicAppointment *self;
  TonicAppointmentFields *f;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->start != NULL, NULL);
  g_return_val_if_fail (fields->id >= 0 && fields->patient_id >= 0 && fields->staff_id >= 0, NULL);
  g_return_val_if_fail (fields->chair >= 0 && fields->minutes >= 0, NULL);
  g_return_val_if_fail ((guint) fields->type < TONIC_N_APPOINTMENT_TYPES, NULL);
  g_return_val_if_fail ((guint) fields->state < TONIC_N_APPOINTMENT_STATES, NULL);

  self = g_object_new (TONIC_TYPE_APPOINTMENT, NULL);
  f = &self->fields;

  *f = *fields;
  f->uuid = g_strdup (fields->uuid != NULL ? fields->uuid : "");
  f->patient_name = g_strdup (fields->patient_name != NULL ? fields->patient_name : "");
  f->note = g_strdup (fields->note != NULL ? fields->note : "");
  f->start = dup_utc (fields->start);
  f->state_changed_at = dup_utc (fields->state_changed_at);
  f->arrived_at = dup_utc (fields->arrived_at);
  f->in_chair_at = dup_utc (fields->in_chair_at);
  f->recovery_at = dup_utc (fields->recovery_at);
  f->discharged_at = dup_utc (fields->discharged_at);
  f->identity_confirmed = !!fields->identity_confirmed;
  f->driver_confirmed = !!fields->driver_confirmed;
  f->fasting_confirmed = !!fields->fasting_confirmed;

  self->end = g_date_time_add_minutes (f->start, f->minutes);

  return self;
}

void
tonic_appointment_get_fields (TonicAppointment       *self,
                              TonicAppointmentFields *out)
{
  g_return_if_fail (TONIC_IS_APPOINTMENT (self));
  g_return_if_fail (out != NULL);

  *out = self->fields;
}

gint64
tonic_appointment_get_id (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), 0);
  return self->fields.id;
}

const char *
tonic_appointment_get_uuid (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.uuid;
}

gint64
tonic_appointment_get_patient_id (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), 0);
  return self->fields.patient_id;
}

const char *
tonic_appointment_get_patient_name (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.patient_name;
}

TonicAppointmentType
tonic_appointment_get_appointment_type (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), TONIC_APPOINTMENT_TYPE_IV_INFUSION);
  return self->fields.type;
}

int
tonic_appointment_get_chair (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), 0);
  return self->fields.chair;
}

gint64
tonic_appointment_get_staff_id (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), 0);
  return self->fields.staff_id;
}

GDateTime *
tonic_appointment_get_start (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.start;
}

GDateTime *
tonic_appointment_get_end (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->end;
}

int
tonic_appointment_get_minutes (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), 0);
  return self->fields.minutes;
}

TonicAppointmentState
tonic_appointment_get_state (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), TONIC_APPOINTMENT_STATE_SCHEDULED);
  return self->fields.state;
}

GDateTime *
tonic_appointment_get_state_changed_at (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.state_changed_at;
}

const char *
tonic_appointment_get_note (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.note;
}

GDateTime *
tonic_appointment_get_arrived_at (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.arrived_at;
}

GDateTime *
tonic_appointment_get_in_chair_at (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.in_chair_at;
}

GDateTime *
tonic_appointment_get_recovery_at (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.recovery_at;
}

GDateTime *
tonic_appointment_get_discharged_at (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  return self->fields.discharged_at;
}

gboolean
tonic_appointment_get_identity_confirmed (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), FALSE);
  return self->fields.identity_confirmed;
}

gboolean
tonic_appointment_get_driver_confirmed (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), FALSE);
  return self->fields.driver_confirmed;
}

gboolean
tonic_appointment_get_fasting_confirmed (TonicAppointment *self)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), FALSE);
  return self->fields.fasting_confirmed;
}

gint64
tonic_appointment_get_seconds_in_state (TonicAppointment *self,
                                        GDateTime        *now)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), 0);
  g_return_val_if_fail (now != NULL, 0);

  if (self->fields.state_changed_at == NULL)
    return 0;

  return MAX (0, g_date_time_difference (now, self->fields.state_changed_at) / G_TIME_SPAN_SECOND);
}

TonicAppointment *
tonic_appointment_with_state (TonicAppointment      *self,
                              TonicAppointmentState  state,
                              GDateTime             *now)
{
  TonicAppointmentFields f;

  g_return_val_if_fail (TONIC_IS_APPOINTMENT (self), NULL);
  g_return_val_if_fail ((guint) state < TONIC_N_APPOINTMENT_STATES, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (transition_roles (self->fields.state, state) != 0, NULL);

  f = self->fields;
  f.state = state;
  f.state_changed_at = now;

  switch (state)
    {
    case TONIC_APPOINTMENT_STATE_SCHEDULED:
      f.arrived_at = NULL;
      f.in_chair_at = NULL;
      f.recovery_at = NULL;
      f.discharged_at = NULL;
      break;
    case TONIC_APPOINTMENT_STATE_ARRIVED:
      f.arrived_at = now;
      break;
    case TONIC_APPOINTMENT_STATE_IN_CHAIR:
      f.in_chair_at = now;
      break;
    case TONIC_APPOINTMENT_STATE_RECOVERY:
      f.recovery_at = now;
      break;
    case TONIC_APPOINTMENT_STATE_DISCHARGED:
      f.discharged_at = now;
      break;
    case TONIC_APPOINTMENT_STATE_NO_SHOW:
    case TONIC_APPOINTMENT_STATE_CANCELLED:
    default:
      break;
    }

  return tonic_appointment_new (&f);
}

gboolean
tonic_appointment_overlaps (GDateTime *a_start,
                            int        a_minutes,
                            GDateTime *b_start,
                            int        b_minutes)
{
  GTimeSpan a_begin, a_end, b_begin, b_end;

  g_return_val_if_fail (a_start != NULL, FALSE);
  g_return_val_if_fail (b_start != NULL, FALSE);

  if (a_minutes <= 0 || b_minutes <= 0)
    return FALSE;

  /* Microseconds since the epoch, exact across time zones. */
  a_begin = g_date_time_to_unix (a_start) * G_TIME_SPAN_SECOND + g_date_time_get_microsecond (a_start);
  b_begin = g_date_time_to_unix (b_start) * G_TIME_SPAN_SECOND + g_date_time_get_microsecond (b_start);
  a_end = a_begin + (GTimeSpan) a_minutes * G_TIME_SPAN_MINUTE;
  b_end = b_begin + (GTimeSpan) b_minutes * G_TIME_SPAN_MINUTE;

  return a_begin < b_end && b_begin < a_end;
}

static gboolean
same_appointment (TonicAppointment *a,
                  TonicAppointment *b)
{
  if (a == b)
    return TRUE;
  if (a->fields.id != 0 && a->fields.id == b->fields.id)
    return TRUE;
  if (*a->fields.uuid != '\0' && g_str_equal (a->fields.uuid, b->fields.uuid))
    return TRUE;

  return FALSE;
}

gboolean
tonic_appointment_conflicts_with (TonicAppointment *a,
                                  TonicAppointment *b)
{
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (a), FALSE);
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (b), FALSE);

  if (same_appointment (a, b))
    return FALSE;

  if (a->fields.chair != b->fields.chair)
    return FALSE;

  if (!tonic_appointment_state_holds_chair (a->fields.state) ||
      !tonic_appointment_state_holds_chair (b->fields.state))
    return FALSE;

  return tonic_appointment_overlaps (a->fields.start, a->fields.minutes,
                                     b->fields.start, b->fields.minutes);
}

GPtrArray *
tonic_appointment_list_conflicts (GPtrArray        *appointments,
                                  TonicAppointment *candidate)
{
  GPtrArray *conflicts;

  g_return_val_if_fail (appointments != NULL, NULL);
  g_return_val_if_fail (TONIC_IS_APPOINTMENT (candidate), NULL);

  conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < appointments->len; i++)
    {
      TonicAppointment *other = g_ptr_array_index (appointments, i);

      if (tonic_appointment_conflicts_with (candidate, other))
        g_ptr_array_add (conflicts, g_object_ref (other));
    }

  return conflicts;
}

typedef struct
{
  TonicAppointment *appointment;
  guint             index;      /* in the caller's list */
  GTimeSpan         begin;      /* µs since the epoch */
  GTimeSpan         end;
} Slot;

static int
compare_slots (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Slot *x = a;
  const Slot *y = b;

  if (x->appointment->fields.chair != y->appointment->fields.chair)
    return x->appointment->fields.chair < y->appointment->fields.chair ? -1 : 1;
  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

GPtrArray *
tonic_appointment_find_conflicts (GPtrArray *appointments)
{
  g_autofree Slot *slots = NULL;
  g_autofree gboolean *marked = NULL;
  GPtrArray *conflicts;
  guint n = 0;

  g_return_val_if_fail (appointments != NULL, NULL);

  slots = g_new0 (Slot, appointments->len + 1);
  marked = g_new0 (gboolean, appointments->len + 1);

  for (guint i = 0; i < appointments->len; i++)
    {
      TonicAppointment *a = g_ptr_array_index (appointments, i);
      GDateTime *start;

      g_return_val_if_fail (TONIC_IS_APPOINTMENT (a), NULL);

      if (!tonic_appointment_state_holds_chair (a->fields.state) || a->fields.minutes <= 0)
        continue;

      start = a->fields.start;
      slots[n].appointment = a;
      slots[n].index = i;
      slots[n].begin = g_date_time_to_unix (start) * G_TIME_SPAN_SECOND +
                       g_date_time_get_microsecond (start);
      slots[n].end = slots[n].begin + (GTimeSpan) a->fields.minutes * G_TIME_SPAN_MINUTE;
      n++;
    }

  g_qsort_with_data (slots, (int) n, sizeof (Slot), compare_slots, NULL);

  /* Sorted by chair then start: each slot can only overlap the ones after
   * it in its chair that start before it ends. */
  for (guint i = 0; i < n; i++)
    {
      for (guint j = i + 1;
           j < n &&
           slots[j].appointment->fields.chair == slots[i].appointment->fields.chair &&
           slots[j].begin < slots[i].end;
           j++)
        {
          if (same_appointment (slots[i].appointment, slots[j].appointment))
            continue;

          marked[slots[i].index] = TRUE;
          marked[slots[j].index] = TRUE;
        }
    }

  conflicts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < appointments->len; i++)
    if (marked[i])
      g_ptr_array_add (conflicts, g_object_ref (g_ptr_array_index (appointments, i)));

  return conflicts;
}

char *
tonic_appointment_check_field (const TonicAppointmentFields *f,
                               TonicAppointmentField         field,
                               int                           n_chairs)
{
  g_return_val_if_fail (f != NULL, NULL);
  g_return_val_if_fail ((guint) field < TONIC_N_APPOINTMENT_FIELDS, NULL);
  g_return_val_if_fail (n_chairs >= 1, NULL);

  switch (field)
    {
    case TONIC_APPOINTMENT_FIELD_PATIENT:
      if (f->patient_id > 0)
        return NULL;
      return g_strdup (_("Choose a patient"));

    case TONIC_APPOINTMENT_FIELD_TYPE:
      if ((guint) f->type < TONIC_N_APPOINTMENT_TYPES)
        return NULL;
      return g_strdup (_("Choose the kind of appointment"));

    case TONIC_APPOINTMENT_FIELD_START:
      if (f->start != NULL)
        return NULL;
      return g_strdup (_("Choose a start time"));

    case TONIC_APPOINTMENT_FIELD_MINUTES:
      if (f->minutes >= TONIC_APPOINTMENT_MINUTES_MIN && f->minutes <= TONIC_APPOINTMENT_MINUTES_MAX)
        return NULL;
      return g_strdup_printf (_("Enter a length from %d to %d minutes"),
                              TONIC_APPOINTMENT_MINUTES_MIN, TONIC_APPOINTMENT_MINUTES_MAX);

    case TONIC_APPOINTMENT_FIELD_CHAIR:
      if (f->chair >= 1 && f->chair <= n_chairs)
        return NULL;
      if (n_chairs == 1)
        return g_strdup (_("This practice has one chair: choose chair 1"));
      return g_strdup_printf (_("Choose a chair from 1 to %d"), n_chairs);

    case TONIC_APPOINTMENT_FIELD_NOTE:
      return tonic_check_multiline (f->note, TONIC_APPOINTMENT_NOTE_MAX);

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

gboolean
tonic_appointment_check (const TonicAppointmentFields  *fields,
                         int                            n_chairs,
                         TonicAppointmentField         *field,
                         char                         **message)
{
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (n_chairs >= 1, FALSE);

  if (message != NULL)
    *message = NULL;

  for (guint i = 0; i < TONIC_N_APPOINTMENT_FIELDS; i++)
    {
      g_autofree char *problem = tonic_appointment_check_field (fields, i, n_chairs);

      if (problem != NULL)
        {
          if (field != NULL)
            *field = i;
          if (message != NULL)
            *message = g_steal_pointer (&problem);
          return FALSE;
        }
    }

  return TRUE;
}
