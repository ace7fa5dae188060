/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-appointments"

#include "config.h"

#include <string.h>

#include "appointment-transitions.h"

/* Whether the expected table lets any role make this move. */
static gboolean
any_role_may (TonicAppointmentState from,
              TonicAppointmentState to)
{
  for (guint role = 0; role < TONIC_N_ROLES; role++)
    if (expected_transition (role, from, to))
      return TRUE;

  return FALSE;
}
#include "patients-test-helpers.h"
#include "tonic-time.h"

/* Appointments and the Today board through the store API: booking and its
 * checks, the chairs setting, conflicts, every move of the board signed in
 * as every role (against the same literal table as test-appointment),
 * check-in, the times of each state and the audit trail. */

#define CLINICIAN "cleo.clin"
#define NURSE     "nils.nurse"
#define DESK      "fran.desk"

#define SCHEDULED  TONIC_APPOINTMENT_STATE_SCHEDULED
#define ARRIVED    TONIC_APPOINTMENT_STATE_ARRIVED
#define IN_CHAIR   TONIC_APPOINTMENT_STATE_IN_CHAIR
#define RECOVERY   TONIC_APPOINTMENT_STATE_RECOVERY
#define DISCHARGED TONIC_APPOINTMENT_STATE_DISCHARGED
#define NO_SHOW    TONIC_APPOINTMENT_STATE_NO_SHOW
#define CANCELLED  TONIC_APPOINTMENT_STATE_CANCELLED

typedef struct
{
  char       *dir;
  char       *path;
  TonicKey   *key;
  TonicStore *store;
  gint64      patient_id;
  gint64      clinician_id;
} Fixture;

static const struct
{
  TonicRole   role;
  const char *username;
} members[] = {
  { TONIC_ROLE_ADMIN, STORE_TEST_ADMIN_USER },
  { TONIC_ROLE_CLINICIAN, CLINICIAN },
  { TONIC_ROLE_NURSE, NURSE },
  { TONIC_ROLE_FRONT_DESK, DESK },
};

/* A practice with one member of each role and a patient; the clinician is
 * signed in. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = store_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "practice.db", NULL);
  fixture->key = store_test_key (23);
  fixture->store = store_test_open_signed_in (fixture->path, fixture->key);

  for (guint i = 1; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(TonicStaff) member = NULL;

      member = store_test_add_staff (fixture->store, members[i].username, members[i].username,
                                     members[i].role, store_test_hash (STORE_TEST_PASSWORD),
                                     &error);
      g_assert_no_error (error);
      if (members[i].role == TONIC_ROLE_CLINICIAN)
        fixture->clinician_id = tonic_staff_get_id (member);
    }

  patients_test_sign_in_as (fixture->store, CLINICIAN);
  patient = patients_test_add (fixture->store, "Samantha Okafor", "Sam", "1985-07-21", NULL);
  fixture->patient_id = tonic_patient_get_id (patient);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  tonic_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->key, tonic_key_unref);
  store_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* 2026-11-23 08:00 UTC plus @minutes. */
static GDateTime *
day_at (int minutes)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 23, 8, 0, 0);

  return g_date_time_add_minutes (base, minutes);
}

static void
booking (TonicAppointmentFields *f,
         gint64                  patient_id,
         int                     chair,
         GDateTime              *start,
         int                     minutes)
{
  memset (f, 0, sizeof *f);
  f->patient_id = patient_id;
  f->type = TONIC_APPOINTMENT_TYPE_IV_INFUSION;
  f->chair = chair;
  f->start = start;
  f->minutes = minutes;
}

static TonicAppointment *
book (Fixture *fixture,
      int      chair,
      int      start_minute,
      int      minutes)
{
  g_autoptr(GDateTime) start = day_at (start_minute);
  g_autoptr(GError) error = NULL;
  TonicAppointmentFields f;
  TonicAppointment *appointment;

  booking (&f, fixture->patient_id, chair, start, minutes);
  appointment = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (appointment);

  return appointment;
}

static TonicAppointment *
move (Fixture               *fixture,
      gint64                 id,
      TonicAppointmentState  state)
{
  static const TonicCheckIn check_in = { TRUE, TRUE, TRUE };
  g_autoptr(GError) error = NULL;
  TonicAppointment *moved;

  moved = patients_test_move_appointment (fixture->store, id, state, &check_in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_appointment_get_state (moved), ==, state);

  return moved;
}

static guint
count_rows (Fixture    *fixture,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = store_test_query (fixture->store, sql, &error);

  g_assert_no_error (error);

  return (guint) g_ascii_strtoull (value, NULL, 10);
}

static char *
state_of (Fixture *fixture,
          gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM appointment WHERE id = %"
                                          G_GINT64_FORMAT, id);
  g_autoptr(GError) error = NULL;
  char *state = store_test_query (fixture->store, sql, &error);

  g_assert_no_error (error);

  return state;
}

/* -- Booking ------------------------------------------------------------------------ */

static void
test_book (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2026, 11, 23, 10, 30, 0);
  g_autoptr(GDateTime) from = day_at (0);
  g_autoptr(GDateTime) until = day_at (24 * 60);
  g_autoptr(TonicAppointment) booked = NULL;
  g_autoptr(TonicAppointment) edited = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = tonic_time_format_utc (from);
  g_autofree char *until_text = tonic_time_format_utc (until);
  g_autofree char *start_text = NULL;
  g_autofree char *sql = NULL;
  TonicAppointmentFields f;

  booking (&f, fixture->patient_id, 2, local, 135);
  f.type = TONIC_APPOINTMENT_TYPE_ESKETAMINE;
  f.staff_id = fixture->clinician_id;
  f.note = "  Driver: partner  ";
  /* A booking starts scheduled, whatever is asked. */
  f.state = DISCHARGED;
  f.identity_confirmed = TRUE;
  booked = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_no_error (error);

  g_assert_cmpint (tonic_appointment_get_id (booked), >, 0);
  g_assert_true (g_uuid_string_is_valid (tonic_appointment_get_uuid (booked)));
  g_assert_cmpint (tonic_appointment_get_state (booked), ==, SCHEDULED);
  g_assert_false (tonic_appointment_get_identity_confirmed (booked));
  g_assert_null (tonic_appointment_get_state_changed_at (booked));
  g_assert_cmpstr (tonic_appointment_get_patient_name (booked), ==, "Sam (Samantha Okafor)");
  g_assert_cmpint (tonic_appointment_get_staff_id (booked), ==, fixture->clinician_id);
  g_assert_cmpstr (tonic_appointment_get_note (booked), ==, "Driver: partner");
  start_text = tonic_time_format_utc (tonic_appointment_get_start (booked));
  g_assert_cmpstr (start_text, ==, "2026-11-23T08:30:00Z");
  store_test_assert_query (fixture->store, "SELECT start_at || '|' || end_at FROM appointment",
                           "2026-11-23T08:30:00Z|2026-11-23T10:45:00Z");

  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action_name = 'appointment.book'"
                         " AND patient_id = %" G_GINT64_FORMAT " AND object_id = '%" G_GINT64_FORMAT "'",
                         fixture->patient_id, tonic_appointment_get_id (booked));
  store_test_assert_query (fixture->store, sql, "1");

  /* The day's board and the patient's list. */
  day = patients_test_list_appointments (fixture->store, from_text, until_text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 1);
  mine = patients_test_list_patient_appointments (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_clear_pointer (&day, g_ptr_array_unref);
  day = patients_test_list_appointments (fixture->store, until_text, "2026-11-25T00:00:00Z", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 0);
  g_clear_pointer (&day, g_ptr_array_unref);
  day = patients_test_list_appointments (fixture->store, "today", until_text, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Moving it to another chair: the state stays, the change is named. */
  g_clear_object (&edited);
  tonic_appointment_get_fields (booked, &f);
  f.chair = 3;
  edited = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_appointment_get_chair (edited), ==, 3);
  g_assert_cmpint (tonic_appointment_get_id (edited), ==, tonic_appointment_get_id (booked));
  store_test_assert_query (fixture->store,
                           "SELECT detail FROM audit_log WHERE action_name = 'appointment.edit'",
                           "chair");

  /* Saving it unchanged writes nothing. */
  g_clear_object (&edited);
  edited = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_count_audit (fixture->store, "appointment.edit", NULL, 0), ==, 1);

  /* Sorted by start, then chair. */
  g_object_unref (book (fixture, 1, 30, 60));
  g_object_unref (book (fixture, 2, -60, 60));
  g_clear_pointer (&day, g_ptr_array_unref);
  day = patients_test_list_appointments (fixture->store, from_text, until_text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 2);
  g_assert_cmpint (tonic_appointment_get_chair (g_ptr_array_index (day, 0)), ==, 1);
  g_assert_cmpint (tonic_appointment_get_chair (g_ptr_array_index (day, 1)), ==, 3);
  g_clear_pointer (&mine, g_ptr_array_unref);
  mine = patients_test_list_patient_appointments (fixture->store, fixture->patient_id, &error);
  g_assert_cmpuint (mine->len, ==, 3);
  /* Newest first (the later booking first at the same time). */
  g_assert_cmpint (tonic_appointment_get_chair (g_ptr_array_index (mine, 0)), ==, 1);
  g_assert_cmpint (tonic_appointment_get_chair (g_ptr_array_index (mine, 1)), ==, 3);
  g_assert_cmpint (tonic_appointment_get_chair (g_ptr_array_index (mine, 2)), ==, 2);
}

typedef void (*BreakFunc) (TonicAppointmentFields *f);

static void break_patient (TonicAppointmentFields *f) { f->patient_id = 0; }
static void break_type (TonicAppointmentFields *f) { f->type = 9; }
static void break_start (TonicAppointmentFields *f) { f->start = NULL; }
static void break_short (TonicAppointmentFields *f) { f->minutes = TONIC_APPOINTMENT_MINUTES_MIN - 1; }
static void break_long (TonicAppointmentFields *f) { f->minutes = TONIC_APPOINTMENT_MINUTES_MAX + 1; }
static void break_chair_zero (TonicAppointmentFields *f) { f->chair = 0; }
static void break_chair_five (TonicAppointmentFields *f) { f->chair = TONIC_DEFAULT_CHAIRS + 1; }
static void break_note (TonicAppointmentFields *f) { f->note = "bell\x07"; }

static void
test_book_validation (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const BreakFunc cases[] = {
    break_patient, break_type, break_start, break_short, break_long, break_chair_zero,
    break_chair_five, break_note,
  };
  g_autoptr(GDateTime) start = day_at (0);
  g_autoptr(TonicAppointment) booked = NULL;
  g_autoptr(TonicPatient) archived = NULL;
  g_autoptr(GError) error = NULL;
  guint audit_before = store_test_count_audit (fixture->store, NULL, NULL, 0);
  TonicAppointmentFields f;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      booking (&f, fixture->patient_id, 1, start, 100);
      cases[i] (&f);
      booked = patients_test_save_appointment (fixture->store, &f, &error);
      if (error == NULL || !g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID))
        g_error ("case %u was not refused as invalid", i);
      g_assert_null (booked);
      g_clear_error (&error);
    }

  /* An unknown patient, an archived one, an unknown staff member. */
  booking (&f, fixture->patient_id + 100, 1, start, 100);
  booked = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  archived = patients_test_add (fixture->store, "Ben Cohen", NULL, "1970-01-01", NULL);
  g_clear_object (&archived);
  {
    g_autoptr(TonicPatient) done = NULL;

    done = patients_test_set_patient_archived (fixture->store, fixture->patient_id + 1, TRUE,
                                               &error);
    g_assert_no_error (error);
  }
  booking (&f, fixture->patient_id + 1, 1, start, 100);
  booked = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  booking (&f, fixture->patient_id, 1, start, 100);
  f.staff_id = 999;
  booked = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Editing one that does not exist. */
  booking (&f, fixture->patient_id, 1, start, 100);
  f.id = 4242;
  booked = patients_test_save_appointment (fixture->store, &f, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing written, only the archiving audited. */
  g_assert_cmpuint (count_rows (fixture, "appointment"), ==, 0);
  g_assert_cmpuint (store_test_count_audit (fixture->store, NULL, NULL, 0), ==,
                    audit_before + 2 /* patient.create, patient.archive */);
}

/* The number of chairs is the practice's setting. */
static void
test_chairs_setting (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const struct
  {
    const char *setting;   /* NULL: not set */
    int         chairs;
  } cases[] = {
    { NULL, TONIC_DEFAULT_CHAIRS },
    { "6", 6 },
    { "1", 1 },
    { "40", 40 },
    { "41", TONIC_DEFAULT_CHAIRS },
    { "0", TONIC_DEFAULT_CHAIRS },
    { "many", TONIC_DEFAULT_CHAIRS },
  };
  g_autoptr(GDateTime) start = day_at (0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicAppointmentFields f;

      if (cases[i].setting != NULL)
        {
          patients_test_sign_in_as (fixture->store, STORE_TEST_ADMIN_USER);
          g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_CHAIRS,
                                                 cases[i].setting, &error));
          g_assert_no_error (error);
          patients_test_sign_in_as (fixture->store, DESK);
        }

      for (int chair = cases[i].chairs; chair <= cases[i].chairs + 1; chair++)
        {
          g_autoptr(TonicAppointment) booked = NULL;

          booking (&f, fixture->patient_id, chair, start, 30);
          booked = patients_test_save_appointment (fixture->store, &f, &error);
          if (chair <= cases[i].chairs)
            g_assert_no_error (error);
          else
            g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
          g_clear_error (&error);
        }
    }
}

/* -- Conflicts -------------------------------------------------------------------- */

static guint
count_conflicts (Fixture *fixture,
                 gint64   except_id,
                 int      chair,
                 int      start_minute,
                 int      minutes)
{
  g_autoptr(GDateTime) start = day_at (start_minute);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  TonicAppointmentFields f;

  booking (&f, fixture->patient_id, chair, start, minutes);
  f.id = except_id;
  conflicts = patients_test_find_conflicts (fixture->store, &f, &error);
  g_assert_no_error (error);

  return conflicts->len;
}

static void
test_conflicts (Fixture       *fixture,
                gconstpointer  user_data)
{
  /* 08:00-09:40 in chair 1. */
  g_autoptr(TonicAppointment) a = book (fixture, 1, 0, 100);
  g_autoptr(TonicAppointment) moved = NULL;
  gint64 a_id = tonic_appointment_get_id (a);

  g_assert_cmpuint (count_conflicts (fixture, 0, 1, 60, 100), ==, 1);    /* starts during */
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, -30, 45), ==, 1);    /* ends during */
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, 10, 10), ==, 1);     /* inside */
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, -60, 720), ==, 1);   /* around */
  g_assert_cmpuint (count_conflicts (fixture, 0, 2, 60, 100), ==, 0);    /* another chair */
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, 100, 30), ==, 0);    /* touching after */
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, -30, 30), ==, 0);    /* touching before */
  g_assert_cmpuint (count_conflicts (fixture, a_id, 1, 60, 100), ==, 0); /* itself */

  /* A long one that started long before still overlaps. */
  g_object_unref (book (fixture, 3, -700, 720));
  g_assert_cmpuint (count_conflicts (fixture, 0, 3, 10, 5), ==, 1);

  /* Cancelled and no-show appointments hold no chair. */
  moved = patients_test_move_appointment (fixture->store, a_id, CANCELLED, NULL, NULL);
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, 60, 100), ==, 0);
  g_clear_object (&moved);
  moved = move (fixture, a_id, SCHEDULED);
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, 60, 100), ==, 1);
  g_clear_object (&moved);
  moved = move (fixture, a_id, NO_SHOW);
  g_assert_cmpuint (count_conflicts (fixture, 0, 1, 60, 100), ==, 0);

  /* A conflict is a warning: booking it anyway works. */
  g_object_unref (book (fixture, 3, 0, 60));
}

/* -- The board --------------------------------------------------------------------------- */

/* A new booking moved to @state by the signed-in clinician. */
static gint64
make_in_state (Fixture               *fixture,
               TonicAppointmentState  state,
               int                    slot)
{
  static const TonicAppointmentState path[] = { ARRIVED, IN_CHAIR, RECOVERY, DISCHARGED };
  g_autoptr(TonicAppointment) appointment = book (fixture, 1 + slot % 4, slot * 60, 30);
  gint64 id = tonic_appointment_get_id (appointment);

  if (state == NO_SHOW || state == CANCELLED)
    g_object_unref (move (fixture, id, state));
  else
    for (guint i = 0; i < G_N_ELEMENTS (path) && state != SCHEDULED; i++)
      {
        g_object_unref (move (fixture, id, path[i]));
        if (path[i] == state)
          break;
      }

  return id;
}

/* Every (from, to) pair, signed in as every role, through the store:
 * allowed exactly when the literal table says so; refusals change nothing
 * and are audited; every move is audited. */
static void
test_transitions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  guint total_allowed = 0;

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      TonicRole role = members[m].role;
      gint64 ids[TONIC_N_APPOINTMENT_STATES][TONIC_N_APPOINTMENT_STATES];
      g_autoptr(TonicStaff) actor = NULL;
      guint allowed_here = 0;
      guint denied_here = 0;
      guint impossible_here = 0;
      guint ok_before;
      gint64 actor_id;

      patients_test_sign_in_as (fixture->store, CLINICIAN);
      for (guint from = 0; from < TONIC_N_APPOINTMENT_STATES; from++)
        for (guint to = 0; to < TONIC_N_APPOINTMENT_STATES; to++)
          ids[from][to] = make_in_state (fixture, from, (int) (from * TONIC_N_APPOINTMENT_STATES + to));

      patients_test_sign_in_as (fixture->store, members[m].username);
      actor = tonic_store_dup_actor (fixture->store);
      actor_id = tonic_staff_get_id (actor);
      g_assert_cmpint (tonic_staff_get_role (actor), ==, role);
      ok_before = store_test_count_audit (fixture->store, "appointment.state", "ok", actor_id);

      for (guint from = 0; from < TONIC_N_APPOINTMENT_STATES; from++)
        for (guint to = 0; to < TONIC_N_APPOINTMENT_STATES; to++)
          {
            static const TonicCheckIn check_in = { TRUE, FALSE, TRUE };
            g_autoptr(TonicAppointment) moved = NULL;
            g_autoptr(GError) error = NULL;
            g_autofree char *state = NULL;
            gboolean expected = expected_transition (role, from, to);
            gboolean allowed;

            moved = patients_test_move_appointment (fixture->store, ids[from][to], to, &check_in,
                                                    &error);
            allowed = moved != NULL;

            if (allowed != expected)
              g_error ("%s: %s → %s was %s, expected %s (%s)", tonic_role_to_string (role),
                       tonic_appointment_state_to_string (from),
                       tonic_appointment_state_to_string (to),
                       allowed ? "allowed" : "refused", expected ? "allowed" : "refused",
                       error != NULL ? error->message : "");

            state = state_of (fixture, ids[from][to]);
            if (allowed)
              {
                g_assert_no_error (error);
                g_assert_cmpint (tonic_appointment_get_state (moved), ==, to);
                g_assert_cmpstr (state, ==, tonic_appointment_state_to_string (to));
                allowed_here++;
              }
            else if (any_role_may (from, to))
              {
                g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
                g_assert_cmpstr (state, ==, tonic_appointment_state_to_string (from));
                denied_here++;
              }
            else
              {
                /* No role makes this move: not the person's role's fault. */
                g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
                g_assert_cmpstr (state, ==, tonic_appointment_state_to_string (from));
                impossible_here++;
              }
          }

      /* Each try left one row by this person: allowed ones "ok", those
       * the role may not make "denied", moves no role makes "failed". */
      g_assert_cmpuint (store_test_count_audit (fixture->store, "appointment.state", "ok",
                                                actor_id) - ok_before,
                        ==, allowed_here);
      g_assert_cmpuint (store_test_count_audit (fixture->store, "appointment.state", "denied",
                                                actor_id),
                        ==, denied_here);
      g_assert_cmpuint (store_test_count_audit (fixture->store, "appointment.state", "failed",
                                                actor_id),
                        ==, impossible_here);
      g_assert_cmpuint (allowed_here + denied_here + impossible_here, ==,
                        TONIC_N_APPOINTMENT_STATES * TONIC_N_APPOINTMENT_STATES);
      total_allowed += allowed_here;
    }

  g_assert_cmpuint (total_allowed, ==, EXPECTED_N_TRANSITIONS);
}

static void
test_check_in (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TonicAppointment) booked = book (fixture, 1, 0, 100);
  g_autoptr(TonicAppointment) arrived = NULL;
  g_autoptr(TonicAppointment) undone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = tonic_appointment_get_id (booked);
  TonicCheckIn check_in = { FALSE, TRUE, TRUE };
  g_autofree char *state = NULL;

  patients_test_sign_in_as (fixture->store, DESK);

  /* Identity not confirmed (or no check-in at all): refused, nothing
   * changes. */
  arrived = patients_test_move_appointment (fixture->store, id, ARRIVED, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (arrived);
  g_clear_error (&error);
  arrived = patients_test_move_appointment (fixture->store, id, ARRIVED, &check_in, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_assert_null (arrived);
  g_clear_error (&error);
  state = state_of (fixture, id);
  g_assert_cmpstr (state, ==, "scheduled");
  g_assert_cmpuint (store_test_count_audit (fixture->store, "appointment.state", NULL, 0), ==, 0);

  /* Confirmed: arrived, with what was checked and when. */
  check_in.identity_confirmed = TRUE;
  check_in.fasting_confirmed = FALSE;
  arrived = patients_test_move_appointment (fixture->store, id, ARRIVED, &check_in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_appointment_get_state (arrived), ==, ARRIVED);
  g_assert_true (tonic_appointment_get_identity_confirmed (arrived));
  g_assert_true (tonic_appointment_get_driver_confirmed (arrived));
  g_assert_false (tonic_appointment_get_fasting_confirmed (arrived));
  g_assert_nonnull (tonic_appointment_get_arrived_at (arrived));
  g_assert_true (g_date_time_equal (tonic_appointment_get_arrived_at (arrived),
                                    tonic_appointment_get_state_changed_at (arrived)));
  store_test_assert_query (fixture->store,
                           "SELECT identity_confirmed || driver_confirmed || fasting_confirmed"
                           " FROM appointment",
                           "110");
  store_test_assert_query (fixture->store,
                           "SELECT detail || '|' || outcome FROM audit_log"
                           " WHERE action_name = 'appointment.state'",
                           "scheduled → arrived|ok");

  /* Undoing the check-in forgets it. */
  undone = patients_test_move_appointment (fixture->store, id, SCHEDULED, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (tonic_appointment_get_arrived_at (undone));
  g_assert_false (tonic_appointment_get_identity_confirmed (undone));
  g_assert_false (tonic_appointment_get_driver_confirmed (undone));
  store_test_assert_query (fixture->store,
                           "SELECT coalesce (arrived_at, 'none') || identity_confirmed"
                           " FROM appointment",
                           "none0");
}

static void
test_times (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(TonicAppointment) booked = book (fixture, 1, 0, 100);
  gint64 id = tonic_appointment_get_id (booked);
  static const TonicAppointmentState path[] = { ARRIVED, IN_CHAIR, RECOVERY, DISCHARGED };
  g_autoptr(TonicAppointment) last = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) after = NULL;
  GDateTime *previous = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      TonicAppointment *moved = move (fixture, id, path[i]);

      g_clear_object (&last);
      last = moved;
    }
  after = g_date_time_new_now_utc ();

  /* Each state's time, in order, within the test, the last one the time
   * of the last change. */
  {
    GDateTime *times[] = {
      tonic_appointment_get_arrived_at (last),
      tonic_appointment_get_in_chair_at (last),
      tonic_appointment_get_recovery_at (last),
      tonic_appointment_get_discharged_at (last),
    };

    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        g_assert_nonnull (times[i]);
        g_assert_cmpint (g_date_time_compare (times[i], before), >=, 0);
        g_assert_cmpint (g_date_time_compare (times[i], after), <=, 0);
        if (previous != NULL)
          g_assert_cmpint (g_date_time_compare (times[i], previous), >=, 0);
        previous = times[i];
      }
    g_assert_true (g_date_time_equal (tonic_appointment_get_state_changed_at (last), times[3]));
  }

  store_test_assert_query (fixture->store,
                           "SELECT count(*) FROM appointment WHERE arrived_at IS NOT NULL"
                           " AND in_chair_at IS NOT NULL AND recovery_at IS NOT NULL"
                           " AND discharged_at = state_changed_at AND state = 'discharged'",
                           "1");

  /* Every change audited, with its patient. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT group_concat (detail, ', ') FROM"
                                            " (SELECT detail FROM audit_log"
                                            " WHERE action_name = 'appointment.state'"
                                            " AND patient_id = %" G_GINT64_FORMAT
                                            " ORDER BY sequence)",
                                            fixture->patient_id);

    store_test_assert_query (fixture->store, sql,
                             "scheduled → arrived, arrived → in-chair, in-chair → recovery,"
                             " recovery → discharged");
  }

  /* Discharged is final. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TonicAppointment) again = NULL;

    again = patients_test_move_appointment (fixture->store, id, SCHEDULED, NULL, &error);
    g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
    g_assert_null (again);
  }
}

/* The patient list's "appointment today" filter. */
static void
test_today_filter (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (now),
                                                     g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now),
                                                     12, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (noon, 1);
  g_autoptr(TonicPatient) ben = patients_test_add (fixture->store, "Ben Cohen", NULL, "1970-01-01", NULL);
  g_autoptr(TonicPatient) cleo = patients_test_add (fixture->store, "Cleo Rossi", NULL, "1970-01-01", NULL);
  g_autoptr(TonicAppointment) cancelled = NULL;
  g_autoptr(TonicAppointment) booked = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = g_date_time_format (noon, "%Y-%m-%d");
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y-%m-%d");
  TonicPatientQuery query = { NULL, TONIC_PATIENT_STATUS_ACTIVE, 0, TRUE, NULL,
                              TONIC_PATIENT_SORT_NAME };
  TonicAppointmentFields f;

  /* Sam today, Ben today but cancelled, Cleo tomorrow. */
  booking (&f, fixture->patient_id, 1, noon, 100);
  g_object_unref (patients_test_save_appointment (fixture->store, &f, &error));
  booking (&f, tonic_patient_get_id (ben), 2, noon, 100);
  booked = patients_test_save_appointment (fixture->store, &f, &error);
  cancelled = move (fixture, tonic_appointment_get_id (booked), CANCELLED);
  booking (&f, tonic_patient_get_id (cleo), 1, tomorrow, 100);
  g_object_unref (patients_test_save_appointment (fixture->store, &f, &error));
  g_assert_no_error (error);

  listed = patients_test_list_patients (fixture->store, &query, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (tonic_patient_get_id (g_ptr_array_index (listed, 0)), ==, fixture->patient_id);
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 1);

  query.today = today;
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 1);
  query.today = tomorrow_text;
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = patients_test_list_patients (fixture->store, &query, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (tonic_patient_get_legal_name (g_ptr_array_index (listed, 0)), ==, "Cleo Rossi");
  query.text = "sam";
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 0);

  query.today = "not a day";
  g_assert_cmpuint (patients_test_count_patients (fixture->store, &query, &error), ==, 0);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/appointments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("book", test_book);
  ADD ("book/validation", test_book_validation);
  ADD ("book/chairs-setting", test_chairs_setting);
  ADD ("conflicts", test_conflicts);
  ADD ("board/transitions", test_transitions);
  ADD ("board/check-in", test_check_in);
  ADD ("board/times", test_times);
  ADD ("today-filter", test_today_filter);

#undef ADD

  return g_test_run ();
}
