/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-appointment"

#include "config.h"

#include <string.h>

#include "appointment-transitions.h"
#include "tonic-appointment.h"
#include "tonic-time.h"

#define SCHEDULED  TONIC_APPOINTMENT_STATE_SCHEDULED
#define ARRIVED    TONIC_APPOINTMENT_STATE_ARRIVED
#define IN_CHAIR   TONIC_APPOINTMENT_STATE_IN_CHAIR
#define RECOVERY   TONIC_APPOINTMENT_STATE_RECOVERY
#define DISCHARGED TONIC_APPOINTMENT_STATE_DISCHARGED
#define NO_SHOW    TONIC_APPOINTMENT_STATE_NO_SHOW
#define CANCELLED  TONIC_APPOINTMENT_STATE_CANCELLED

/* 2026-11-23 08:00 UTC plus @minutes. */
static GDateTime *
day_at (int minutes)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 23, 8, 0, 0);

  return g_date_time_add_minutes (base, minutes);
}

static void
base_fields (TonicAppointmentFields *f,
             GDateTime              *start)
{
  memset (f, 0, sizeof *f);
  f->id = 0;
  f->uuid = NULL;
  f->patient_id = 7;
  f->patient_name = "Sam (Samantha Okafor)";
  f->type = TONIC_APPOINTMENT_TYPE_IV_INFUSION;
  f->chair = 1;
  f->start = start;
  f->minutes = 100;
  f->state = SCHEDULED;
}

static TonicAppointment *
make (gint64                 id,
      int                    chair,
      int                    start_minute,
      int                    minutes,
      TonicAppointmentState  state)
{
  g_autoptr(GDateTime) start = day_at (start_minute);
  TonicAppointmentFields f;

  base_fields (&f, start);
  f.id = id;
  f.chair = chair;
  f.minutes = minutes;
  f.state = state;

  return tonic_appointment_new (&f);
}

/* --- types and states ----------------------------------------------------- */

static void
test_types (void)
{
  static const struct
  {
    TonicAppointmentType type;
    const char          *id;
    int                  treatment;
    int                  recovery;
    int                  total;
    gboolean             dose;
  } expected[] = {
    { TONIC_APPOINTMENT_TYPE_IV_INFUSION, "iv-infusion", 40, 60, 100, TRUE },
    { TONIC_APPOINTMENT_TYPE_IM_INJECTION, "im-injection", 30, 60, 90, TRUE },
    { TONIC_APPOINTMENT_TYPE_ESKETAMINE, "esketamine", 120, 15, 135, TRUE },
    { TONIC_APPOINTMENT_TYPE_CONSULTATION, "consultation", 45, 0, 45, FALSE },
    { TONIC_APPOINTMENT_TYPE_FOLLOW_UP, "follow-up", 30, 0, 30, FALSE },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_APPOINTMENT_TYPES);

  for (guint i = 0; i < TONIC_N_APPOINTMENT_TYPES; i++)
    {
      TonicAppointmentType type = 99;

      g_assert_cmpint (expected[i].type, ==, i);
      g_assert_cmpstr (tonic_appointment_type_to_string (i), ==, expected[i].id);
      g_assert_true (tonic_appointment_type_from_string (expected[i].id, &type));
      g_assert_cmpint (type, ==, i);
      g_assert_cmpstr (tonic_appointment_type_get_label (i), !=, "");
      g_assert_cmpint (tonic_appointment_type_get_default_treatment_minutes (i), ==, expected[i].treatment);
      g_assert_cmpint (tonic_appointment_type_get_default_recovery_minutes (i), ==, expected[i].recovery);
      g_assert_cmpint (tonic_appointment_type_get_default_minutes (i), ==, expected[i].total);
      g_assert_cmpint (tonic_appointment_type_gives_dose (i), ==, expected[i].dose);
      g_assert_cmpint (expected[i].total, >=, TONIC_APPOINTMENT_MINUTES_MIN);
      g_assert_cmpint (expected[i].total, <=, TONIC_APPOINTMENT_MINUTES_MAX);
    }

  /* Esketamine: at least the 2 h REMS observation. */
  g_assert_cmpint (tonic_appointment_type_get_default_treatment_minutes (TONIC_APPOINTMENT_TYPE_ESKETAMINE), >=, 120);

  {
    TonicAppointmentType type = TONIC_APPOINTMENT_TYPE_FOLLOW_UP;

    g_assert_false (tonic_appointment_type_from_string ("IV", &type));
    g_assert_false (tonic_appointment_type_from_string (NULL, &type));
    g_assert_cmpint (type, ==, TONIC_APPOINTMENT_TYPE_FOLLOW_UP);
  }
}

static void
test_states (void)
{
  static const struct
  {
    TonicAppointmentState state;
    const char           *id;
    gboolean              final;
    gboolean              holds_chair;
    TonicAppointmentState next;
  } expected[] = {
    { SCHEDULED, "scheduled", FALSE, TRUE, ARRIVED },
    { ARRIVED, "arrived", FALSE, TRUE, IN_CHAIR },
    { IN_CHAIR, "in-chair", FALSE, TRUE, RECOVERY },
    { RECOVERY, "recovery", FALSE, TRUE, DISCHARGED },
    { DISCHARGED, "discharged", TRUE, TRUE, DISCHARGED },
    { NO_SHOW, "no-show", TRUE, FALSE, NO_SHOW },
    { CANCELLED, "cancelled", TRUE, FALSE, CANCELLED },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_APPOINTMENT_STATES);

  for (guint i = 0; i < TONIC_N_APPOINTMENT_STATES; i++)
    {
      TonicAppointmentState state = 99;

      g_assert_cmpint (expected[i].state, ==, i);
      g_assert_cmpstr (tonic_appointment_state_to_string (i), ==, expected[i].id);
      g_assert_true (tonic_appointment_state_from_string (expected[i].id, &state));
      g_assert_cmpint (state, ==, i);
      g_assert_cmpstr (tonic_appointment_state_get_label (i), !=, "");
      g_assert_cmpint (tonic_appointment_state_is_final (i), ==, expected[i].final);
      g_assert_cmpint (tonic_appointment_state_holds_chair (i), ==, expected[i].holds_chair);
      g_assert_cmpint (tonic_appointment_state_get_next (i), ==, expected[i].next);
    }

  {
    GEnumClass *klass = g_type_class_ref (TONIC_TYPE_APPOINTMENT_STATE);

    g_assert_cmpuint (klass->n_values, ==, TONIC_N_APPOINTMENT_STATES);
    g_assert_cmpstr (g_enum_get_value (klass, IN_CHAIR)->value_nick, ==, "in-chair");
    g_type_class_unref (klass);
  }
}

/* The whole board state machine: every (role, from, to) triple against the
 * literal table of appointment-transitions.h. */
static void
test_transitions (void)
{
  guint allowed = 0;

  for (guint role = 0; role < TONIC_N_ROLES; role++)
    {
      for (guint from = 0; from < TONIC_N_APPOINTMENT_STATES; from++)
        {
          for (guint to = 0; to < TONIC_N_APPOINTMENT_STATES; to++)
            {
              gboolean expected = expected_transition (role, from, to);
              gboolean got = tonic_appointment_can_transition (from, to, role);

              if (got != expected)
                g_error ("%s: %s → %s is %s, expected %s",
                         tonic_role_to_string (role),
                         tonic_appointment_state_to_string (from),
                         tonic_appointment_state_to_string (to),
                         got ? "allowed" : "refused",
                         expected ? "allowed" : "refused");
              allowed += got;
            }
        }
    }

  g_assert_cmpuint (allowed, ==, EXPECTED_N_TRANSITIONS);

  /* Discharged is final for everyone; nothing moves to itself. */
  for (guint role = 0; role < TONIC_N_ROLES; role++)
    for (guint state = 0; state < TONIC_N_APPOINTMENT_STATES; state++)
      {
        g_assert_false (tonic_appointment_can_transition (DISCHARGED, state, role));
        g_assert_false (tonic_appointment_can_transition (state, state, role));
      }

  /* The board's forward step is always a move some role can make. */
  for (guint state = 0; state < TONIC_N_APPOINTMENT_STATES; state++)
    {
      TonicAppointmentState next = tonic_appointment_state_get_next (state);

      if (next != state)
        g_assert_true (tonic_appointment_can_transition (state, next, TONIC_ROLE_CLINICIAN));
    }
}

/* --- the object ----------------------------------------------------------- */

static void
test_appointment_object (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) local_start = g_date_time_new (zone, 2026, 11, 23, 10, 30, 0);
  g_autoptr(GDateTime) changed = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  TonicAppointmentFields f, out;
  TonicAppointment *appointment;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  base_fields (&f, local_start);
  f.id = 5;
  f.uuid = "0b6d7b3e-1c59-4e1f-8a43-3f4b8e8b2f10";
  f.type = TONIC_APPOINTMENT_TYPE_ESKETAMINE;
  f.chair = 2;
  f.staff_id = 3;
  f.minutes = 135;
  f.state_changed_at = changed;
  f.note = "Driver: partner\nBring REMS form";

  appointment = tonic_appointment_new (&f);

  g_assert_cmpint (tonic_appointment_get_id (appointment), ==, 5);
  g_assert_cmpstr (tonic_appointment_get_uuid (appointment), ==, f.uuid);
  g_assert_cmpint (tonic_appointment_get_patient_id (appointment), ==, 7);
  g_assert_cmpstr (tonic_appointment_get_patient_name (appointment), ==, "Sam (Samantha Okafor)");
  g_assert_cmpint (tonic_appointment_get_appointment_type (appointment), ==, TONIC_APPOINTMENT_TYPE_ESKETAMINE);
  g_assert_cmpint (tonic_appointment_get_chair (appointment), ==, 2);
  g_assert_cmpint (tonic_appointment_get_staff_id (appointment), ==, 3);
  g_assert_cmpint (tonic_appointment_get_minutes (appointment), ==, 135);
  g_assert_cmpint (tonic_appointment_get_state (appointment), ==, SCHEDULED);
  g_assert_cmpstr (tonic_appointment_get_note (appointment), ==, f.note);
  g_assert_null (tonic_appointment_get_arrived_at (appointment));
  g_assert_null (tonic_appointment_get_in_chair_at (appointment));
  g_assert_null (tonic_appointment_get_recovery_at (appointment));
  g_assert_null (tonic_appointment_get_discharged_at (appointment));
  /* Nothing confirmed before check-in. */
  g_assert_false (tonic_appointment_get_identity_confirmed (appointment));
  g_assert_false (tonic_appointment_get_driver_confirmed (appointment));
  g_assert_false (tonic_appointment_get_fasting_confirmed (appointment));

  /* Stored in UTC: the same instant. */
  start_text = tonic_time_format_utc (tonic_appointment_get_start (appointment));
  g_assert_cmpstr (start_text, ==, "2026-11-23T08:30:00Z");
  g_assert_cmpint (g_date_time_get_utc_offset (tonic_appointment_get_start (appointment)), ==, 0);
  g_assert_true (g_date_time_equal (tonic_appointment_get_start (appointment), local_start));
  end_text = tonic_time_format_utc (tonic_appointment_get_end (appointment));
  g_assert_cmpstr (end_text, ==, "2026-11-23T10:45:00Z");
  g_assert_true (g_date_time_equal (tonic_appointment_get_state_changed_at (appointment), changed));

  tonic_appointment_get_fields (appointment, &out);
  g_assert_cmpint (out.id, ==, 5);
  g_assert_cmpstr (out.uuid, ==, f.uuid);
  g_assert_cmpint (out.chair, ==, 2);
  g_assert_true (g_date_time_equal (out.start, local_start));

  {
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;
    g_autofree char *name = NULL;
    TonicAppointmentState state = 99;
    TonicAppointmentType type = 99;
    int chair = 0;

    g_object_get (appointment,
                  "start", &start,
                  "end", &end,
                  "patient-name", &name,
                  "state", &state,
                  "appointment-type", &type,
                  "chair", &chair,
                  NULL);
    g_assert_true (g_date_time_equal (start, local_start));
    g_assert_cmpint (g_date_time_difference (end, start), ==, 135 * G_TIME_SPAN_MINUTE);
    g_assert_cmpstr (name, ==, "Sam (Samantha Okafor)");
    g_assert_cmpint (state, ==, SCHEDULED);
    g_assert_cmpint (type, ==, TONIC_APPOINTMENT_TYPE_ESKETAMINE);
    g_assert_cmpint (chair, ==, 2);
  }

  g_assert_finalize_object (appointment);
}

/* What the desk confirmed at check-in: kept as given (any true value is
 * TRUE), readable as properties, and carried along the board. */
static void
test_appointment_confirmations (void)
{
  g_autoptr(GDateTime) start = day_at (0);
  g_autoptr(GDateTime) t_chair = day_at (2);
  g_autoptr(TonicAppointment) appointment = NULL;
  g_autoptr(TonicAppointment) in_chair = NULL;
  g_autoptr(TonicAppointment) arrived = NULL;
  TonicAppointmentFields f, out;
  gboolean identity = FALSE, driver = TRUE, fasting = FALSE;

  base_fields (&f, start);
  f.state = ARRIVED;
  f.arrived_at = start;
  f.identity_confirmed = 7;
  f.driver_confirmed = FALSE;
  f.fasting_confirmed = TRUE;
  arrived = tonic_appointment_new (&f);

  g_assert_true (tonic_appointment_get_identity_confirmed (arrived));
  g_assert_false (tonic_appointment_get_driver_confirmed (arrived));
  g_assert_true (tonic_appointment_get_fasting_confirmed (arrived));

  tonic_appointment_get_fields (arrived, &out);
  g_assert_cmpint (out.identity_confirmed, ==, TRUE);
  g_assert_cmpint (out.driver_confirmed, ==, FALSE);
  g_assert_cmpint (out.fasting_confirmed, ==, TRUE);

  g_object_get (arrived,
                "identity-confirmed", &identity,
                "driver-confirmed", &driver,
                "fasting-confirmed", &fasting,
                NULL);
  g_assert_true (identity);
  g_assert_false (driver);
  g_assert_true (fasting);

  in_chair = tonic_appointment_with_state (arrived, IN_CHAIR, t_chair);
  g_assert_true (tonic_appointment_get_identity_confirmed (in_chair));
  g_assert_false (tonic_appointment_get_driver_confirmed (in_chair));
  g_assert_true (tonic_appointment_get_fasting_confirmed (in_chair));

  /* A plain booking confirms nothing. */
  base_fields (&f, start);
  appointment = tonic_appointment_new (&f);
  g_assert_false (tonic_appointment_get_identity_confirmed (appointment));
}

static void
test_appointment_with_state (void)
{
  g_autoptr(GDateTime) t_arrive = day_at (-5);
  g_autoptr(GDateTime) t_chair = day_at (2);
  g_autoptr(GDateTime) t_recovery = day_at (45);
  g_autoptr(GDateTime) t_discharge = day_at (100);
  g_autoptr(GDateTime) later = day_at (112);
  TonicAppointment *scheduled = make (9, 1, 0, 100, SCHEDULED);
  TonicAppointment *arrived, *undone, *in_chair, *recovery, *discharged;

  arrived = tonic_appointment_with_state (scheduled, ARRIVED, t_arrive);
  /* The original is untouched. */
  g_assert_cmpint (tonic_appointment_get_state (scheduled), ==, SCHEDULED);
  g_assert_null (tonic_appointment_get_arrived_at (scheduled));
  g_assert_cmpint (tonic_appointment_get_state (arrived), ==, ARRIVED);
  g_assert_cmpint (tonic_appointment_get_id (arrived), ==, 9);
  g_assert_true (g_date_time_equal (tonic_appointment_get_arrived_at (arrived), t_arrive));
  g_assert_true (g_date_time_equal (tonic_appointment_get_state_changed_at (arrived), t_arrive));

  /* Undoing a check-in forgets the arrival time. */
  undone = tonic_appointment_with_state (arrived, SCHEDULED, t_chair);
  g_assert_cmpint (tonic_appointment_get_state (undone), ==, SCHEDULED);
  g_assert_null (tonic_appointment_get_arrived_at (undone));
  g_assert_true (g_date_time_equal (tonic_appointment_get_state_changed_at (undone), t_chair));

  in_chair = tonic_appointment_with_state (arrived, IN_CHAIR, t_chair);
  recovery = tonic_appointment_with_state (in_chair, RECOVERY, t_recovery);
  discharged = tonic_appointment_with_state (recovery, DISCHARGED, t_discharge);
  g_assert_true (g_date_time_equal (tonic_appointment_get_arrived_at (discharged), t_arrive));
  g_assert_true (g_date_time_equal (tonic_appointment_get_in_chair_at (discharged), t_chair));
  g_assert_true (g_date_time_equal (tonic_appointment_get_recovery_at (discharged), t_recovery));
  g_assert_true (g_date_time_equal (tonic_appointment_get_discharged_at (discharged), t_discharge));
  g_assert_cmpint (tonic_appointment_get_state (discharged), ==, DISCHARGED);

  /* The timer: time since the last change. */
  g_assert_cmpint (tonic_appointment_get_seconds_in_state (discharged, later), ==, 12 * 60);
  g_assert_cmpint (tonic_appointment_get_seconds_in_state (recovery, later), ==, 67 * 60);
  g_assert_cmpint (tonic_appointment_get_seconds_in_state (scheduled, later), ==, 0);
  g_assert_cmpint (tonic_appointment_get_seconds_in_state (discharged, t_arrive), ==, 0);
  {
    g_autofree char *timer = tonic_format_duration_short (tonic_appointment_get_seconds_in_state (recovery, later));

    g_assert_cmpstr (timer, ==, "1 h 07 min");
  }

  /* A move that is in no one's table is a programming error. */
  g_test_expect_message ("tonic-appointment", G_LOG_LEVEL_CRITICAL, "*transition_roles*");
  g_assert_null (tonic_appointment_with_state (discharged, SCHEDULED, later));
  g_test_assert_expected_messages ();

  g_assert_finalize_object (scheduled);
  g_assert_finalize_object (arrived);
  g_assert_finalize_object (undone);
  g_assert_finalize_object (in_chair);
  g_assert_finalize_object (recovery);
  g_assert_finalize_object (discharged);
}

/* --- overlaps and conflicts ----------------------------------------------- */

static void
test_overlaps (void)
{
  static const struct
  {
    int      a_start, a_minutes, b_start, b_minutes;
    gboolean overlap;
  } cases[] = {
    { 0, 60, 60, 30, FALSE },     /* b starts as a ends */
    { 60, 30, 0, 60, FALSE },     /* a starts as b ends */
    { 0, 60, 59, 30, TRUE },      /* one minute shared */
    { 59, 30, 0, 60, TRUE },
    { 0, 60, 0, 60, TRUE },       /* identical */
    { 0, 120, 30, 30, TRUE },     /* b inside a */
    { 30, 30, 0, 120, TRUE },     /* a inside b */
    { 0, 60, 61, 30, FALSE },     /* a gap */
    { 0, 60, -30, 30, FALSE },    /* b ends as a starts */
    { 0, 60, -30, 31, TRUE },
    { 0, 720, 719, 5, TRUE },
    { 0, 0, 0, 60, FALSE },       /* empty intervals overlap nothing */
    { 30, 0, 0, 60, FALSE },
    { 0, 60, 30, -10, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) a = day_at (cases[i].a_start);
      g_autoptr(GDateTime) b = day_at (cases[i].b_start);

      g_assert_cmpint (tonic_appointment_overlaps (a, cases[i].a_minutes, b, cases[i].b_minutes),
                       ==, cases[i].overlap);
      /* Symmetric. */
      g_assert_cmpint (tonic_appointment_overlaps (b, cases[i].b_minutes, a, cases[i].a_minutes),
                       ==, cases[i].overlap);
    }

  /* The same instants written in different zones. */
  {
    g_autoptr(GTimeZone) plus2 = g_time_zone_new_identifier ("+02:00");
    g_autoptr(GTimeZone) minus5 = g_time_zone_new_identifier ("-05:00");
    g_autoptr(GDateTime) a = g_date_time_new_utc (2026, 11, 23, 10, 0, 0);
    g_autoptr(GDateTime) b = g_date_time_new (plus2, 2026, 11, 23, 12, 59, 0);  /* 10:59Z */
    g_autoptr(GDateTime) c = g_date_time_new (minus5, 2026, 11, 23, 6, 0, 0);   /* 11:00Z */

    g_assert_true (tonic_appointment_overlaps (a, 60, b, 30));
    g_assert_false (tonic_appointment_overlaps (a, 60, c, 30));
  }
}

static void
test_conflicts_with (void)
{
  static const struct
  {
    int                    chair_b;
    int                    start_b;
    TonicAppointmentState  state_a;
    TonicAppointmentState  state_b;
    gboolean               conflict;
  } cases[] = {
    { 1, 30, SCHEDULED, SCHEDULED, TRUE },
    { 2, 30, SCHEDULED, SCHEDULED, FALSE },     /* another chair */
    { 1, 100, SCHEDULED, SCHEDULED, FALSE },    /* back to back */
    { 1, 99, SCHEDULED, SCHEDULED, TRUE },
    { 1, 30, SCHEDULED, CANCELLED, FALSE },     /* cancelled frees the chair */
    { 1, 30, CANCELLED, SCHEDULED, FALSE },
    { 1, 30, NO_SHOW, SCHEDULED, FALSE },
    { 1, 30, SCHEDULED, NO_SHOW, FALSE },
    { 1, 30, IN_CHAIR, ARRIVED, TRUE },
    { 1, 30, DISCHARGED, SCHEDULED, TRUE },     /* it was in the chair */
    { 1, 30, RECOVERY, SCHEDULED, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicAppointment *a = make (1, 1, 0, 100, cases[i].state_a);
      TonicAppointment *b = make (2, cases[i].chair_b, cases[i].start_b, 60, cases[i].state_b);

      g_assert_cmpint (tonic_appointment_conflicts_with (a, b), ==, cases[i].conflict);
      g_assert_cmpint (tonic_appointment_conflicts_with (b, a), ==, cases[i].conflict);
      g_assert_false (tonic_appointment_conflicts_with (a, a));
      g_assert_finalize_object (a);
      g_assert_finalize_object (b);
    }

  /* The same appointment (an edit of it) never conflicts with itself. */
  {
    TonicAppointment *saved = make (4, 1, 0, 100, SCHEDULED);
    TonicAppointment *edited = make (4, 1, 30, 100, SCHEDULED);
    g_autoptr(GDateTime) start = day_at (0);
    TonicAppointmentFields f;
    TonicAppointment *u1, *u2;

    g_assert_false (tonic_appointment_conflicts_with (saved, edited));

    base_fields (&f, start);
    f.uuid = "4c4d8f0e-aaaa-4bbb-8ccc-000000000001";
    u1 = tonic_appointment_new (&f);
    u2 = tonic_appointment_new (&f);
    g_assert_false (tonic_appointment_conflicts_with (u1, u2));
    f.uuid = "4c4d8f0e-aaaa-4bbb-8ccc-000000000002";
    g_clear_object (&u2);
    u2 = tonic_appointment_new (&f);
    g_assert_true (tonic_appointment_conflicts_with (u1, u2));

    g_assert_finalize_object (saved);
    g_assert_finalize_object (edited);
    g_assert_finalize_object (u1);
    g_assert_finalize_object (u2);
  }
}

static gboolean
in_array (GPtrArray *array,
          gpointer   item)
{
  return g_ptr_array_find (array, item, NULL);
}

static void
test_find_conflicts_day (void)
{
  g_autoptr(GPtrArray) day = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) with_new = NULL;
  TonicAppointment *a, *b, *c, *d, *e, *g, *h, *candidate;

  /* Chair 1: a 8:00-9:40, b 9:40-11:10 (touching), c 10:00-10:45 overlaps b.
   * Chair 2: d 8:00-9:40, e 8:30 cancelled, g 9:00 no-show.
   * Chair 3: h alone. */
  g_ptr_array_add (day, a = make (1, 1, 0, 100, DISCHARGED));
  g_ptr_array_add (day, b = make (2, 1, 100, 90, IN_CHAIR));
  g_ptr_array_add (day, c = make (3, 1, 120, 45, SCHEDULED));
  g_ptr_array_add (day, d = make (4, 2, 0, 100, RECOVERY));
  g_ptr_array_add (day, e = make (5, 2, 30, 100, CANCELLED));
  g_ptr_array_add (day, g = make (6, 2, 60, 30, NO_SHOW));
  g_ptr_array_add (day, h = make (7, 3, 0, 720, ARRIVED));

  conflicts = tonic_appointment_find_conflicts (day);
  g_assert_cmpuint (conflicts->len, ==, 2);
  g_assert_true (g_ptr_array_index (conflicts, 0) == b);   /* list order */
  g_assert_true (g_ptr_array_index (conflicts, 1) == c);
  g_assert_false (in_array (conflicts, a));
  g_assert_false (in_array (conflicts, d));
  g_assert_false (in_array (conflicts, e));
  g_assert_false (in_array (conflicts, g));
  g_assert_false (in_array (conflicts, h));

  /* Booking a new one in chair 2 at 9:00 for 45 min: only d is in the way. */
  candidate = make (0, 2, 60, 45, SCHEDULED);
  with_new = tonic_appointment_list_conflicts (day, candidate);
  g_assert_cmpuint (with_new->len, ==, 1);
  g_assert_true (g_ptr_array_index (with_new, 0) == d);
  g_clear_pointer (&with_new, g_ptr_array_unref);
  g_clear_object (&candidate);

  candidate = make (0, 2, 100, 45, SCHEDULED);  /* right after d */
  with_new = tonic_appointment_list_conflicts (day, candidate);
  g_assert_cmpuint (with_new->len, ==, 0);
  g_clear_object (&candidate);

  /* An empty day. */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autoptr(GPtrArray) found = tonic_appointment_find_conflicts (none);

    g_assert_cmpuint (found->len, ==, 0);
  }
}

/* The sweep agrees with checking every pair, on random days. */
static void
test_find_conflicts_random (void)
{
  guint rounds = g_test_thorough () ? 2000 : 200;

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GPtrArray) day = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) found = NULL;
      guint n = g_test_rand_int_range (0, 30);

      for (guint i = 0; i < n; i++)
        {
          static const TonicAppointmentState some_states[] = {
            SCHEDULED, SCHEDULED, SCHEDULED, ARRIVED, IN_CHAIR, RECOVERY, DISCHARGED, NO_SHOW, CANCELLED,
          };
          /* Some shared ids, as when an edited copy sits in the list. */
          gint64 id = g_test_rand_int_range (0, 4) == 0 ? 0 : g_test_rand_int_range (1, 40);

          g_ptr_array_add (day, make (id,
                                      g_test_rand_int_range (1, 4),
                                      g_test_rand_int_range (0, 48) * 15,
                                      g_test_rand_int_range (1, 13) * 10,
                                      some_states[g_test_rand_int_range (0, G_N_ELEMENTS (some_states))]));
        }

      found = tonic_appointment_find_conflicts (day);

      {
        guint k = 0;

        for (guint i = 0; i < day->len; i++)
          {
            gboolean expected = FALSE;

            for (guint j = 0; j < day->len && !expected; j++)
              if (i != j)
                expected = tonic_appointment_conflicts_with (g_ptr_array_index (day, i),
                                                             g_ptr_array_index (day, j));

            if (expected)
              {
                g_assert_cmpuint (k, <, found->len);
                g_assert_true (g_ptr_array_index (found, k) == g_ptr_array_index (day, i));
                k++;
              }
          }
        g_assert_cmpuint (k, ==, found->len);
      }
    }
}

/* --- checking the booking form --------------------------------------------- */

static void
test_check (void)
{
  g_autoptr(GDateTime) start = day_at (0);
  g_autofree char *long_note = g_strnfill (TONIC_APPOINTMENT_NOTE_MAX + 1, 'n');
  g_autofree char *max_note = g_strnfill (TONIC_APPOINTMENT_NOTE_MAX, 'n');
  TonicAppointmentFields f;
  const int n_chairs = 4;

  base_fields (&f, start);
  g_assert_true (tonic_appointment_check (&f, n_chairs, NULL, NULL));

  {
    static const struct
    {
      int                   minutes;
      int                   chair;
      gint64                patient_id;
      gboolean              no_start;
      TonicAppointmentField field;   /* the first bad one, or -1 */
    } cases[] = {
      { 100, 1, 7, FALSE, -1 },
      { 5, 1, 7, FALSE, -1 },
      { 720, 4, 7, FALSE, -1 },
      { 4, 1, 7, FALSE, TONIC_APPOINTMENT_FIELD_MINUTES },
      { 0, 1, 7, FALSE, TONIC_APPOINTMENT_FIELD_MINUTES },
      { 721, 1, 7, FALSE, TONIC_APPOINTMENT_FIELD_MINUTES },
      { -30, 1, 7, FALSE, TONIC_APPOINTMENT_FIELD_MINUTES },
      { 100, 0, 7, FALSE, TONIC_APPOINTMENT_FIELD_CHAIR },
      { 100, 5, 7, FALSE, TONIC_APPOINTMENT_FIELD_CHAIR },
      { 100, -1, 7, FALSE, TONIC_APPOINTMENT_FIELD_CHAIR },
      { 100, 1, 0, FALSE, TONIC_APPOINTMENT_FIELD_PATIENT },
      { 100, 1, 7, TRUE, TONIC_APPOINTMENT_FIELD_START },
      { 4, 9, 0, TRUE, TONIC_APPOINTMENT_FIELD_PATIENT },   /* form order */
      { 4, 9, 7, TRUE, TONIC_APPOINTMENT_FIELD_START },
      { 4, 9, 7, FALSE, TONIC_APPOINTMENT_FIELD_MINUTES },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        TonicAppointmentField field = 99;
        g_autofree char *message = NULL;
        gboolean ok;

        base_fields (&f, cases[i].no_start ? NULL : start);
        f.minutes = cases[i].minutes;
        f.chair = cases[i].chair;
        f.patient_id = cases[i].patient_id;

        ok = tonic_appointment_check (&f, n_chairs, &field, &message);
        if ((int) cases[i].field < 0)
          {
            g_assert_true (ok);
            g_assert_null (message);
          }
        else
          {
            g_assert_false (ok);
            g_assert_cmpint (field, ==, cases[i].field);
            g_assert_nonnull (message);
            g_assert_cmpstr (message, !=, "");
          }
      }
  }

  /* Messages that say what to do. */
  {
    g_autofree char *minutes = NULL;
    g_autofree char *chair = NULL;
    g_autofree char *one_chair = NULL;

    base_fields (&f, start);
    f.minutes = 721;
    minutes = tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_MINUTES, n_chairs);
    g_assert_cmpstr (minutes, ==, "Enter a length from 5 to 720 minutes");
    f.chair = 5;
    chair = tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_CHAIR, n_chairs);
    g_assert_cmpstr (chair, ==, "Choose a chair from 1 to 4");
    f.chair = 2;
    one_chair = tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_CHAIR, 1);
    g_assert_nonnull (one_chair);
    f.chair = 1;
    g_assert_null (tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_CHAIR, 1));
  }

  /* Type and note. */
  base_fields (&f, start);
  f.type = (TonicAppointmentType) TONIC_N_APPOINTMENT_TYPES;
  {
    g_autofree char *message = tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_TYPE, n_chairs);

    g_assert_nonnull (message);
  }
  base_fields (&f, start);
  f.note = max_note;
  g_assert_null (tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_NOTE, n_chairs));
  f.note = "Driver: partner\nFasting since 06:00";
  g_assert_null (tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_NOTE, n_chairs));
  f.note = long_note;
  {
    g_autofree char *message = tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_NOTE, n_chairs);

    g_assert_nonnull (message);
  }
  f.note = "bell\x07";
  {
    g_autofree char *message = tonic_appointment_check_field (&f, TONIC_APPOINTMENT_FIELD_NOTE, n_chairs);

    g_assert_nonnull (message);
  }
}

/* --- time helpers --------------------------------------------------------- */

static void
test_duration_format (void)
{
  static const struct
  {
    gint64      seconds;
    const char *text;
  } cases[] = {
    { 0, "0 min" },
    { 59, "0 min" },
    { 60, "1 min" },
    { 119, "1 min" },
    { 12 * 60, "12 min" },
    { 12 * 60 + 59, "12 min" },
    { 59 * 60 + 59, "59 min" },
    { 60 * 60, "1 h 00 min" },
    { 65 * 60, "1 h 05 min" },
    { 65 * 60 + 30, "1 h 05 min" },
    { 119 * 60, "1 h 59 min" },
    { 120 * 60, "2 h 00 min" },
    { 135 * 60, "2 h 15 min" },
    { 26 * 3600 + 5 * 60, "26 h 05 min" },
    { -5, "0 min" },
    { G_MININT64, "0 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tonic_format_duration_short (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_iso_dates (void)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
  } cases[] = {
    { "1980-04-03", TRUE },
    { "2000-02-29", TRUE },
    { "1000-01-01", TRUE },
    { "9999-12-31", TRUE },
    { "1900-02-29", FALSE },
    { "1980-02-30", FALSE },
    { "1980-4-3", FALSE },
    { "0999-01-01", FALSE },
    { "1980-04-03 ", FALSE },
    { "1980/04/03", FALSE },
    { "+980-04-03", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      gboolean ok = tonic_date_parse_iso (cases[i].text, &date);

      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (g_date_valid (&date), ==, cases[i].ok);
      if (ok)
        {
          g_autofree char *back = tonic_date_format_iso (&date);

          g_assert_cmpstr (back, ==, cases[i].text);
        }
    }

  {
    GDate today;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    tonic_date_set_today (&today);
    g_assert_true (g_date_valid (&today));
    g_assert_cmpint (g_date_get_year (&today), ==, g_date_time_get_year (now));
  }
}

static void
test_utc_times (void)
{
  static const struct
  {
    const char *text;
    const char *utc;   /* NULL: refused */
  } cases[] = {
    { "2026-11-22T01:40:34Z", "2026-11-22T01:40:34Z" },
    { "2026-11-22T03:40:34+02:00", "2026-11-22T01:40:34Z" },
    { "2026-11-21T20:40:34-05:00", "2026-11-22T01:40:34Z" },
    { "2026-11-22T01:40:34", NULL },          /* no zone: not guessed */
    { "yesterday", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) time = tonic_time_parse_utc (cases[i].text);

      if (cases[i].utc == NULL)
        {
          g_assert_null (time);
          continue;
        }

      g_assert_nonnull (time);
      g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
      {
        g_autofree char *text = tonic_time_format_utc (time);

        g_assert_cmpstr (text, ==, cases[i].utc);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/appointment/types", test_types);
  g_test_add_func ("/appointment/states", test_states);
  g_test_add_func ("/appointment/transitions", test_transitions);
  g_test_add_func ("/appointment/object", test_appointment_object);
  g_test_add_func ("/appointment/confirmations", test_appointment_confirmations);
  g_test_add_func ("/appointment/with-state", test_appointment_with_state);
  g_test_add_func ("/appointment/overlaps", test_overlaps);
  g_test_add_func ("/appointment/conflicts-with", test_conflicts_with);
  g_test_add_func ("/appointment/find-conflicts/day", test_find_conflicts_day);
  g_test_add_func ("/appointment/find-conflicts/random", test_find_conflicts_random);
  g_test_add_func ("/appointment/check", test_check);
  g_test_add_func ("/time/duration-short", test_duration_format);
  g_test_add_func ("/time/iso-dates", test_iso_dates);
  g_test_add_func ("/time/utc", test_utc_times);

  return g_test_run ();
}
