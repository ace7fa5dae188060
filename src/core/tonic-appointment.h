/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tonic-role.h"

G_BEGIN_DECLS

/* What an appointment is for. Default lengths (CLINICAL.md: appointment
 * length = infusion + recovery) are starting points a practice changes in
 * preferences; a booking stores its own length in minutes.
 *
 *   type                      id            treatment  recovery  total
 *   IV infusion               iv-infusion       40        60      100
 *   IM injection              im-injection      30        60       90
 *   Esketamine nasal spray    esketamine       120        15      135
 *     (dosing and the ≥ 2 h REMS observation, then time to leave)
 *   Consultation              consultation      45         0       45
 *   Follow-up                 follow-up         30         0       30
 */
typedef enum
{
  TONIC_APPOINTMENT_TYPE_IV_INFUSION,
  TONIC_APPOINTMENT_TYPE_IM_INJECTION,
  TONIC_APPOINTMENT_TYPE_ESKETAMINE,
  TONIC_APPOINTMENT_TYPE_CONSULTATION,
  TONIC_APPOINTMENT_TYPE_FOLLOW_UP,
} TonicAppointmentType;

#define TONIC_N_APPOINTMENT_TYPES 5

#define TONIC_TYPE_APPOINTMENT_TYPE (tonic_appointment_type_get_type ())
GType        tonic_appointment_type_get_type                     (void) G_GNUC_CONST;
const char  *tonic_appointment_type_to_string                    (TonicAppointmentType  type);
gboolean     tonic_appointment_type_from_string                  (const char           *str,
                                                                  TonicAppointmentType *type);
const char  *tonic_appointment_type_get_label                    (TonicAppointmentType  type);
int          tonic_appointment_type_get_default_treatment_minutes (TonicAppointmentType type);
int          tonic_appointment_type_get_default_recovery_minutes  (TonicAppointmentType type);
/* Treatment + recovery. */
int          tonic_appointment_type_get_default_minutes          (TonicAppointmentType  type);
/* Whether ketamine is given at such a visit (an infusion, an injection, the
 * nasal spray): then the desk confirms fasting and a driver home. A
 * consultation or a follow-up needs neither. */
gboolean     tonic_appointment_type_gives_dose                   (TonicAppointmentType  type);

/* Where an appointment is on the Today board (CLINICAL.md, "Front desk"):
 * scheduled → arrived → in chair → recovery → discharged, or no-show /
 * cancelled. Ids: "scheduled", "arrived", "in-chair", "recovery",
 * "discharged", "no-show", "cancelled". */
typedef enum
{
  TONIC_APPOINTMENT_STATE_SCHEDULED,
  TONIC_APPOINTMENT_STATE_ARRIVED,
  TONIC_APPOINTMENT_STATE_IN_CHAIR,
  TONIC_APPOINTMENT_STATE_RECOVERY,
  TONIC_APPOINTMENT_STATE_DISCHARGED,
  TONIC_APPOINTMENT_STATE_NO_SHOW,
  TONIC_APPOINTMENT_STATE_CANCELLED,
} TonicAppointmentState;

#define TONIC_N_APPOINTMENT_STATES 7

#define TONIC_TYPE_APPOINTMENT_STATE (tonic_appointment_state_get_type ())
GType        tonic_appointment_state_get_type       (void) G_GNUC_CONST;
const char  *tonic_appointment_state_to_string      (TonicAppointmentState  state);
gboolean     tonic_appointment_state_from_string    (const char            *str,
                                                     TonicAppointmentState *state);
const char  *tonic_appointment_state_get_label      (TonicAppointmentState  state);
/* Discharged, no-show and cancelled: the day is over for it. */
gboolean     tonic_appointment_state_is_final       (TonicAppointmentState  state);
/* Whether it holds its chair for its time: all but no-show and cancelled. */
gboolean     tonic_appointment_state_holds_chair    (TonicAppointmentState  state);
/* The board's forward step: scheduled → arrived → in chair → recovery →
 * discharged; @state itself when there is none. */
TonicAppointmentState tonic_appointment_state_get_next (TonicAppointmentState state);

/* The board state machine: whether @role may move an appointment from
 * @from to @to. The whole table (nothing else is allowed, and never to
 * the same state):
 *
 *   from        to          front desk  admin  clinician  nurse
 *   scheduled   arrived         ✓         ✓        ✓        ✓
 *   scheduled   no-show         ✓         ✓        ✓        ✓
 *   scheduled   cancelled       ✓         ✓        ✓        ✓
 *   arrived     scheduled       ✓         ✓        ✓        ✓   (undo a check-in)
 *   arrived     in-chair                           ✓        ✓
 *   in-chair    recovery                           ✓        ✓
 *   recovery    discharged                         ✓        ✓
 *   no-show     scheduled       ✓         ✓        ✓        ✓   (restore)
 *   cancelled   scheduled       ✓         ✓        ✓        ✓   (restore)
 *
 * Discharged is final. The store checks this for every change; the board
 * offers only what it allows. */
gboolean     tonic_appointment_can_transition       (TonicAppointmentState  from,
                                                     TonicAppointmentState  to,
                                                     TonicRole              role);

/* The fields of the booking form, in form order. */
typedef enum
{
  TONIC_APPOINTMENT_FIELD_PATIENT,
  TONIC_APPOINTMENT_FIELD_TYPE,
  TONIC_APPOINTMENT_FIELD_START,
  TONIC_APPOINTMENT_FIELD_MINUTES,
  TONIC_APPOINTMENT_FIELD_CHAIR,
  TONIC_APPOINTMENT_FIELD_NOTE,
} TonicAppointmentField;

#define TONIC_N_APPOINTMENT_FIELDS (TONIC_APPOINTMENT_FIELD_NOTE + 1)

#define TONIC_APPOINTMENT_MINUTES_MIN 5
#define TONIC_APPOINTMENT_MINUTES_MAX 720
#define TONIC_APPOINTMENT_NOTE_MAX    1000

/* Everything an appointment holds, as plain values. Strings may be NULL;
 * times are borrowed and may be NULL except @start (any zone; stored as
 * UTC). @patient_name is the patient's display name, copied for the
 * board. @staff_id is 0 when no one is assigned, @chair is 1-based.
 * The three confirmations are what the front desk checked at check-in
 * (identity: name and date of birth; a driver home; fasting). */
typedef struct
{
  gint64                 id;
  const char            *uuid;
  gint64                 patient_id;
  const char            *patient_name;
  TonicAppointmentType   type;
  int                    chair;
  gint64                 staff_id;
  GDateTime             *start;
  int                    minutes;
  TonicAppointmentState  state;
  GDateTime             *state_changed_at;
  const char            *note;
  GDateTime             *arrived_at;
  GDateTime             *in_chair_at;
  GDateTime             *recovery_at;
  GDateTime             *discharged_at;
  gboolean               identity_confirmed;
  gboolean               driver_confirmed;
  gboolean               fasting_confirmed;
} TonicAppointmentFields;

#define TONIC_TYPE_APPOINTMENT (tonic_appointment_get_type ())
G_DECLARE_FINAL_TYPE (TonicAppointment, tonic_appointment, TONIC, APPOINTMENT, GObject)

/* An immutable appointment copied from @fields (times converted to UTC).
 * Read-only properties: id, uuid, patient-id, patient-name,
 * appointment-type, chair, staff-id, start, end, minutes, state,
 * state-changed-at, note, arrived-at, in-chair-at, recovery-at,
 * discharged-at, identity-confirmed, driver-confirmed, fasting-confirmed. */
TonicAppointment      *tonic_appointment_new                  (const TonicAppointmentFields *fields);
/* Fills @out; strings and times are borrowed from @self. */
void                   tonic_appointment_get_fields           (TonicAppointment       *self,
                                                               TonicAppointmentFields *out);
gint64                 tonic_appointment_get_id               (TonicAppointment *self);
const char            *tonic_appointment_get_uuid             (TonicAppointment *self);
gint64                 tonic_appointment_get_patient_id       (TonicAppointment *self);
const char            *tonic_appointment_get_patient_name     (TonicAppointment *self);
TonicAppointmentType   tonic_appointment_get_appointment_type (TonicAppointment *self);
int                    tonic_appointment_get_chair            (TonicAppointment *self);
gint64                 tonic_appointment_get_staff_id         (TonicAppointment *self);
GDateTime             *tonic_appointment_get_start            (TonicAppointment *self);
/* Start + length. */
GDateTime             *tonic_appointment_get_end              (TonicAppointment *self);
int                    tonic_appointment_get_minutes          (TonicAppointment *self);
TonicAppointmentState  tonic_appointment_get_state            (TonicAppointment *self);
GDateTime             *tonic_appointment_get_state_changed_at (TonicAppointment *self);
const char            *tonic_appointment_get_note             (TonicAppointment *self);
GDateTime             *tonic_appointment_get_arrived_at       (TonicAppointment *self);
GDateTime             *tonic_appointment_get_in_chair_at      (TonicAppointment *self);
GDateTime             *tonic_appointment_get_recovery_at      (TonicAppointment *self);
GDateTime             *tonic_appointment_get_discharged_at    (TonicAppointment *self);
gboolean               tonic_appointment_get_identity_confirmed (TonicAppointment *self);
gboolean               tonic_appointment_get_driver_confirmed   (TonicAppointment *self);
gboolean               tonic_appointment_get_fasting_confirmed  (TonicAppointment *self);

/* Seconds since the last change of state at @now, for the board's timer
 * (tonic_format_duration_short()); 0 when no change is recorded. */
gint64                 tonic_appointment_get_seconds_in_state (TonicAppointment *self,
                                                               GDateTime        *now);
/* A copy of @self moved to @state at @now: state and state-changed-at
 * set, and the matching time (arrived-at, in-chair-at, recovery-at,
 * discharged-at) stamped; moving back to scheduled clears them. The
 * check-in confirmations are kept as they are. The move
 * must be in the table for some role; permission is the caller's check
 * (tonic_appointment_can_transition()). */
TonicAppointment      *tonic_appointment_with_state           (TonicAppointment      *self,
                                                               TonicAppointmentState  state,
                                                               GDateTime             *now);

/* Whether [a_start, a_start + a_minutes) and [b_start, b_start + b_minutes)
 * share any moment: intervals that only touch (one ends as the other
 * starts) do not overlap; an interval of 0 or fewer minutes overlaps
 * nothing. */
gboolean               tonic_appointment_overlaps             (GDateTime *a_start,
                                                               int        a_minutes,
                                                               GDateTime *b_start,
                                                               int        b_minutes);
/* Whether @a and @b are two different appointments (by pointer, id or
 * uuid) in the same chair at overlapping times, both holding their chair
 * (not no-show or cancelled). */
gboolean               tonic_appointment_conflicts_with       (TonicAppointment *a,
                                                               TonicAppointment *b);
/* The appointments of @appointments (of TonicAppointment) that conflict
 * with @candidate, in list order: for the booking form. (Full references;
 * g_ptr_array_unref()) */
GPtrArray             *tonic_appointment_list_conflicts       (GPtrArray        *appointments,
                                                               TonicAppointment *candidate);
/* Every appointment of @appointments that conflicts with another one of
 * them, in list order: for marking the board. Sorts per chair, so a day
 * of n appointments costs O(n log n + conflicts). (Full references;
 * g_ptr_array_unref()) */
GPtrArray             *tonic_appointment_find_conflicts       (GPtrArray        *appointments);

/* Checking the booking form. NULL when acceptable, else a translated
 * message for @field (g_free()):
 *   patient: chosen (patient_id > 0); type: a known type;
 *   start: given; minutes: 5-720; chair: 1 … @n_chairs (@n_chairs ≥ 1);
 *   note: optional, several lines, ≤ 1000 characters. */
char                  *tonic_appointment_check_field          (const TonicAppointmentFields *fields,
                                                               TonicAppointmentField         field,
                                                               int                           n_chairs);
/* Every field in form order; FALSE with the first failing field and its
 * message (both optional) when one is not acceptable. */
gboolean               tonic_appointment_check                (const TonicAppointmentFields  *fields,
                                                               int                            n_chairs,
                                                               TonicAppointmentField         *field,
                                                               char                         **message);

G_END_DECLS
