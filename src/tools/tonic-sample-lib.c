/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-sample"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tonic-keyring.h"
#include "tonic-password.h"
#include "tonic-practice-dir.h"
#include "tonic-recovery-key.h"
#include "tonic-sample-lib.h"
#include "tonic-sample-private.h"
#include "tonic-search.h"

/* How the sample is made.
 *
 * Patients come from one GRand stream seeded with the seed, one patient
 * after another; appointments from a second stream (seed-derived), planned
 * before any patient is made: a pool of patients under treatment is drawn
 * first, then every working day from days_back before today to days_ahead
 * after it is filled chair by chair from 08:00 to 18:00 with appointments
 * of those patients. Patients in the pool are never archived. Past visits
 * are mostly discharged (a few no-shows and cancellations), future ones
 * scheduled (a few cancelled).
 *
 * Today is always a working day, so the board is never empty, and it is
 * built around a "board clock" (the real time between 09:30 and 15:30,
 * else 11:30) so that every state is on it: see plan_today(). Today's
 * states follow the clock: visits that ended before it are discharged,
 * those under way in chair or in recovery, the next one has arrived, the
 * rest are scheduled. The recorded times of today's changes are never
 * after the clock and are shifted by (now − board clock) when the clock is
 * ahead of the real time, so none is in the future and the board's timers
 * read like a busy morning. */

#define BATCH_SIZE          5000
#define POOL_MAX            150
#define DAY_START_MINUTES   (8 * 60)
#define DAY_END_MINUTES     (18 * 60)
#define BOARD_EARLIEST      (9 * 60 + 30)
#define BOARD_LATEST        (15 * 60 + 30)
#define BOARD_DEFAULT       (11 * 60 + 30)

static const TonicSampleStaff sample_staff[] = {
  { TONIC_SAMPLE_ADMIN_USERNAME, "Jordan Ellis", TONIC_ROLE_ADMIN },
  { "clinician", "Dr. Amara Okonkwo", TONIC_ROLE_CLINICIAN },
  { "nurse", "Sofía Marín", TONIC_ROLE_NURSE },
  { "frontdesk", "Tomás Byrne", TONIC_ROLE_FRONT_DESK },
};

/* -- Parsed name lists -------------------------------------------------------- */

typedef struct
{
  const char *native;
  const char *latin;    /* the native form when the script is Latin */
  const char *nick;     /* or NULL */
  const char *email;    /* ASCII letters of the Latin form, lower case */
} Name;

typedef struct
{
  Name male;
  Name female;          /* the same as male when the name does not change */
} Family;

typedef struct
{
  const SampleCulture *culture;
  Name                *female;
  guint                n_female;
  Name                *male;
  guint                n_male;
  Family              *family;
  guint                n_family;
} Culture;

static Culture *cultures;

/* Interned for the life of the process: the lists are static. */
static const char *
intern (const char *text)
{
  return text ? g_intern_string (text) : NULL;
}

static char *
email_form (const char *latin)
{
  g_autofree char *folded = tonic_search_fold (latin);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static Name
parse_name (const char *entry)
{
  g_auto(GStrv) nick_split = g_strsplit (entry, "|", 2);
  g_auto(GStrv) latin_split = g_strsplit (nick_split[0], "=", 2);
  g_autofree char *email = NULL;
  Name name;

  name.native = intern (latin_split[0]);
  name.latin = intern (latin_split[1] ? latin_split[1] : latin_split[0]);
  name.nick = intern (nick_split[1]);
  email = email_form (name.latin);
  name.email = intern (email);

  return name;
}

static void
parse_names (const char *const *list,
             Name              **out,
             guint              *n_out)
{
  guint n = _tonic_sample_list_length (list);

  *out = g_new0 (Name, n);
  *n_out = n;
  for (guint i = 0; i < n; i++)
    (*out)[i] = parse_name (list[i]);
}

static void
parse_families (const char *const *list,
                Family            **out,
                guint              *n_out)
{
  guint n = _tonic_sample_list_length (list);

  *out = g_new0 (Family, n);
  *n_out = n;
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) forms = g_strsplit (list[i], "/", 2);

      (*out)[i].male = parse_name (forms[0]);
      (*out)[i].female = forms[1] ? parse_name (forms[1]) : (*out)[i].male;
    }
}

static void
ensure_cultures (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      Culture *table = g_new0 (Culture, _tonic_sample_n_cultures);

      for (guint i = 0; i < _tonic_sample_n_cultures; i++)
        {
          const SampleCulture *culture = &_tonic_sample_cultures[i];

          table[i].culture = culture;
          parse_names (culture->female, &table[i].female, &table[i].n_female);
          parse_names (culture->male, &table[i].male, &table[i].n_male);
          parse_families (culture->family, &table[i].family, &table[i].n_family);
        }

      cultures = table;
      g_once_init_leave (&once, 1);
    }
}

/* -- Small helpers ------------------------------------------------------------ */

static guint
pick (GRand *rand,
      guint  n)
{
  g_assert (n > 0);
  return (guint) g_rand_int_range (rand, 0, (gint32) n);
}

static gboolean
chance (GRand *rand,
        guint  per_mille)
{
  return (guint) g_rand_int_range (rand, 0, 1000) < per_mille;
}

static const char *
pick_string (GRand             *rand,
             const char *const *list)
{
  return list[pick (rand, _tonic_sample_list_length (list))];
}

/* @text without combining marks (accents, tone marks, underdots), case
 * kept: "Fọláṣadé" → "Folasade". (g_free()) */
static char *
strip_marks (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }

  {
    char *composed = g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);

    g_string_free (out, TRUE);
    return composed;
  }
}

/* Adds @text to the strings freed after the patient is made. */
static const char *
keep (GPtrArray *strings,
      char      *text)
{
  g_ptr_array_add (strings, text);
  return text;
}

static gboolean
is_latin (const char *text)
{
  return text != NULL && g_utf8_get_char (text) < 0x0250;
}

/* -- Names -------------------------------------------------------------------- */

typedef struct
{
  gboolean latin;   /* written in Latin letters */
  gboolean plain;   /* without accents and tone marks */
} Writing;

typedef struct
{
  char       *legal;
  char       *preferred;
  const char *email_given;
  const char *email_family;
  const Culture *culture;
  guint       family_index;
} PersonName;

static void
person_name_clear (PersonName *name)
{
  g_clear_pointer (&name->legal, g_free);
  g_clear_pointer (&name->preferred, g_free);
}

static char *
written (const Name    *name,
         const Writing *writing)
{
  const char *text = writing->latin ? name->latin : name->native;

  return writing->plain ? strip_marks (text) : g_strdup (text);
}

static const Name *
pick_given (GRand         *rand,
            const Culture *culture,
            gboolean       female)
{
  return female ? &culture->female[pick (rand, culture->n_female)]
                : &culture->male[pick (rand, culture->n_male)];
}

static void
pick_writing (GRand         *rand,
              const Culture *culture,
              Writing       *writing)
{
  const SampleCulture *c = culture->culture;

  writing->latin = c->latin_percent == 0 || pick (rand, 100) < c->latin_percent;
  writing->plain = c->plain_percent > 0 && pick (rand, 100) < c->plain_percent;
}

/* A full name of @culture. @family_index: the family to use (a relative),
 * or -1 for any. */
static void
make_name (GRand         *rand,
           const Culture *culture,
           gboolean       female,
           const Writing *writing,
           int            family_index,
           PersonName    *out)
{
  const SampleCulture *c = culture->culture;
  const Name *given = pick_given (rand, culture, female);
  guint f = family_index >= 0 ? (guint) family_index : pick (rand, culture->n_family);
  const Family *family_entry = &culture->family[f];
  const Name *family = female ? &family_entry->female : &family_entry->male;
  g_autofree char *given_text = written (given, writing);
  g_autofree char *family_text = written (family, writing);
  GString *legal = g_string_new (NULL);

  out->culture = culture;
  out->family_index = f;
  out->email_given = given->email;
  out->email_family = family->email;
  out->preferred = NULL;

  if (c->hispanic)
    {
      g_string_append (legal, given_text);
      if (chance (rand, 150))
        {
          g_autofree char *second = written (pick_given (rand, culture, female), writing);

          if (!g_str_equal (second, given_text))
            g_string_append_printf (legal, " %s", second);
        }
      g_string_append_printf (legal, " %s", family_text);
      if (chance (rand, 700))
        {
          g_autofree char *second = written (&culture->family[pick (rand, culture->n_family)].male,
                                             writing);

          if (!g_str_equal (second, family_text))
            g_string_append_printf (legal, " %s", second);
        }
    }
  else if (writing->latin && c->order != SAMPLE_ORDER_GIVEN_FAMILY && c->middle_female == NULL)
    {
      /* Chinese and Japanese names spelled in Latin letters: given first. */
      g_string_append_printf (legal, "%s %s", given_text, family_text);
    }
  else
    {
      switch (c->order)
        {
        case SAMPLE_ORDER_GIVEN_FAMILY:
          g_string_append_printf (legal, "%s %s", given_text, family_text);
          break;
        case SAMPLE_ORDER_FAMILY_GIVEN:
          g_string_append (legal, family_text);
          if (c->middle_female != NULL && chance (rand, 850))
            {
              const char *const *middles = female ? c->middle_female : c->middle_male;
              const char *middle = pick_string (rand, middles);

              if (writing->plain)
                {
                  g_autofree char *plain = strip_marks (middle);
                  g_string_append_printf (legal, " %s", plain);
                }
              else
                {
                  g_string_append_printf (legal, " %s", middle);
                }
            }
          g_string_append_printf (legal, " %s", given_text);
          break;
        case SAMPLE_ORDER_FAMILY_GIVEN_JOINED:
          g_string_append_printf (legal, "%s%s", family_text, given_text);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  out->legal = g_string_free (legal, FALSE);

  /* The preferred name: an everyday form, an adopted English name, or
   * the Latin spelling of a name written in another script. */
  {
    guint roll = (guint) g_rand_int_range (rand, 0, 100);

    if (given->nick != NULL && roll < 30 && (!writing->latin || is_latin (given->nick)))
      out->preferred = writing->plain ? strip_marks (given->nick) : g_strdup (given->nick);
    else if (c->adopted_female != NULL && roll < 40)
      out->preferred = g_strdup (pick_string (rand, female ? c->adopted_female : c->adopted_male));
    else if (!writing->latin && roll < 50)
      out->preferred = g_strdup (given->latin);
  }
}

static const Culture *
pick_culture (GRand *rand)
{
  guint roll = pick (rand, 1000);

  for (guint i = 0; i < _tonic_sample_n_cultures; i++)
    {
      if (roll < cultures[i].culture->weight)
        return &cultures[i];
      roll -= cultures[i].culture->weight;
    }

  return &cultures[0];
}

/* -- Contact details ------------------------------------------------------------ */

static char *
make_phone (GRand *rand)
{
  static const char *const areas[] = {
    "951", "951", "951", "909", "760", "714", "626", "562", NULL
  };
  const char *area = pick_string (rand, areas);
  guint line = pick (rand, 10000);

  switch (pick (rand, 5))
    {
    case 0:
      return g_strdup_printf ("%s-555-%04u", area, line);
    case 1:
      return g_strdup_printf ("+1 %s 555 %04u", area, line);
    default:
      return g_strdup_printf ("(%s) 555-%04u", area, line);
    }
}

static char *
make_email (GRand            *rand,
            const PersonName *name)
{
  static const char *const domains[] = {
    "example.com", "example.com", "example.org", "example.net", "mail.example.com", NULL
  };
  const char *domain = pick_string (rand, domains);
  const char *given = *name->email_given ? name->email_given : "patient";
  const char *family = *name->email_family ? name->email_family : "sample";

  switch (pick (rand, 6))
    {
    case 0:
      return g_strdup_printf ("%s%s@%s", given, family, domain);
    case 1:
      return g_strdup_printf ("%c.%s@%s", given[0], family, domain);
    case 2:
      return g_strdup_printf ("%s.%s%02u@%s", given, family, pick (rand, 100), domain);
    case 3:
      return g_strdup_printf ("%s_%s@%s", family, given, domain);
    default:
      return g_strdup_printf ("%s.%s@%s", given, family, domain);
    }
}

/* -- Clinical details ------------------------------------------------------------- */

static TonicIndication
make_indications (GRand *rand)
{
  guint roll = pick (rand, 1000);
  TonicIndication mask;

  /* CLINICAL.md: mostly depression of some kind, then PTSD, anxiety, pain. */
  if (roll < 380)
    mask = TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION;
  else if (roll < 580)
    mask = TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER;
  else if (roll < 650)
    mask = TONIC_INDICATION_BIPOLAR_DEPRESSION;
  else if (roll < 770)
    mask = TONIC_INDICATION_PTSD;
  else if (roll < 850)
    mask = TONIC_INDICATION_ANXIETY;
  else if (roll < 940)
    mask = TONIC_INDICATION_CHRONIC_PAIN;
  else if (roll < 960)
    mask = TONIC_INDICATION_OCD;
  else if (roll < 980)
    mask = TONIC_INDICATION_SUBSTANCE_USE;
  else
    mask = TONIC_INDICATION_OTHER;

  if (mask & (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION |
              TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER |
              TONIC_INDICATION_BIPOLAR_DEPRESSION))
    {
      if (chance (rand, 250))
        mask |= TONIC_INDICATION_ANXIETY;
      if (chance (rand, 120))
        mask |= TONIC_INDICATION_SUICIDAL_IDEATION;
      if (chance (rand, 80))
        mask |= TONIC_INDICATION_PTSD;
    }
  else if (mask & (TONIC_INDICATION_PTSD | TONIC_INDICATION_CHRONIC_PAIN))
    {
      if (chance (rand, 250))
        mask |= TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER;
    }

  return mask;
}

/* -- The appointment plan ------------------------------------------------------ */

typedef enum
{
  COURSE_IV,
  COURSE_ESKETAMINE,
  COURSE_IM,
} Course;

typedef struct
{
  guint  index;
  Course course;
} PoolPatient;

typedef struct
{
  guint                  patient;      /* the patient's index */
  int                    day;          /* days from today */
  GDateTime             *start;
  int                    chair;
  TonicAppointmentType   type;
  int                    minutes;
  TonicAppointmentState  state;
  GDateTime             *state_changed_at;
  GDateTime             *arrived_at;
  GDateTime             *in_chair_at;
  GDateTime             *recovery_at;
  GDateTime             *discharged_at;
  const char            *note;
  gboolean               nurse;        /* staffed by the nurse, else the clinician */
  gboolean               anchor;       /* today's board: the state the clock gives */
} Planned;

static void
planned_free (gpointer data)
{
  Planned *planned = data;

  g_clear_pointer (&planned->start, g_date_time_unref);
  g_clear_pointer (&planned->state_changed_at, g_date_time_unref);
  g_clear_pointer (&planned->arrived_at, g_date_time_unref);
  g_clear_pointer (&planned->in_chair_at, g_date_time_unref);
  g_clear_pointer (&planned->recovery_at, g_date_time_unref);
  g_clear_pointer (&planned->discharged_at, g_date_time_unref);
  g_free (planned);
}

struct _TonicSampleGenerator
{
  TonicSampleOptions  options;
  GRand              *rand;         /* patients */
  GRand              *plan_rand;    /* appointments */
  GDateTime          *now;          /* local */
  GDate               today;

  gint64              clinician_id;
  gint64              nurse_id;

  PoolPatient        *pool;
  guint               n_pool;
  GHashTable         *in_pool;      /* index + 1 → PoolPatient */

  GPtrArray          *plan;         /* of Planned, by patient index */
  guint               next_planned;

  guint               n_done;
  guint               n_archived;
  guint               n_appointments;
  guint               n_today;
};

static GDateTime *
local_time (const GDate *date,
            int          minutes)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), minutes / 60, minutes % 60, 0);
}

static GDateTime *
add_minutes (GDateTime *time,
             int        minutes)
{
  return g_date_time_add_minutes (time, minutes);
}

static TonicAppointmentType
pick_type (GRand *rand)
{
  guint roll = pick (rand, 100);

  if (roll < 55)
    return TONIC_APPOINTMENT_TYPE_IV_INFUSION;
  if (roll < 73)
    return TONIC_APPOINTMENT_TYPE_ESKETAMINE;
  if (roll < 85)
    return TONIC_APPOINTMENT_TYPE_CONSULTATION;
  if (roll < 95)
    return TONIC_APPOINTMENT_TYPE_FOLLOW_UP;
  return TONIC_APPOINTMENT_TYPE_IM_INJECTION;
}

static gboolean
course_fits (Course               course,
             TonicAppointmentType type)
{
  switch (type)
    {
    case TONIC_APPOINTMENT_TYPE_IV_INFUSION:
      return course == COURSE_IV;
    case TONIC_APPOINTMENT_TYPE_ESKETAMINE:
      return course == COURSE_ESKETAMINE;
    case TONIC_APPOINTMENT_TYPE_IM_INJECTION:
      return course == COURSE_IM;
    case TONIC_APPOINTMENT_TYPE_CONSULTATION:
    case TONIC_APPOINTMENT_TYPE_FOLLOW_UP:
    default:
      return TRUE;
    }
}

/* A pool patient for @type not yet seen on this day, or NULL. */
static const PoolPatient *
pick_patient (TonicSampleGenerator *self,
              TonicAppointmentType  type,
              GHashTable           *seen_today)
{
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      const PoolPatient *patient = &self->pool[pick (self->plan_rand, self->n_pool)];

      if (g_hash_table_contains (seen_today, GUINT_TO_POINTER (patient->index + 1)))
        continue;
      /* Mostly the patient's own course; now and then another. */
      if (attempt < 12 && !course_fits (patient->course, type))
        continue;

      return patient;
    }

  return NULL;
}

static void
set_time (GDateTime **slot,
          GDateTime  *time)
{
  g_clear_pointer (slot, g_date_time_unref);
  *slot = time;
}

/* Stamps a finished visit: arrived, in chair, recovery, discharged. */
static void
stamp_visit (GRand   *rand,
             Planned *planned,
             int      up_to)   /* the last state to stamp */
{
  int treatment = tonic_appointment_type_get_default_treatment_minutes (planned->type);
  int recovery = tonic_appointment_type_get_default_recovery_minutes (planned->type);

  set_time (&planned->arrived_at, add_minutes (planned->start, -(5 + (int) pick (rand, 16))));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->arrived_at));
  if (up_to < TONIC_APPOINTMENT_STATE_IN_CHAIR)
    return;

  set_time (&planned->in_chair_at, add_minutes (planned->start, (int) pick (rand, 11)));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->in_chair_at));
  if (up_to < TONIC_APPOINTMENT_STATE_RECOVERY)
    return;

  set_time (&planned->recovery_at, add_minutes (planned->in_chair_at, treatment));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->recovery_at));
  if (up_to < TONIC_APPOINTMENT_STATE_DISCHARGED)
    return;

  set_time (&planned->discharged_at,
            add_minutes (planned->recovery_at, MAX (recovery, 5) + (int) pick (rand, 16) - 5));
  set_time (&planned->state_changed_at, g_date_time_ref (planned->discharged_at));
}

static void
shift_time (GDateTime **slot,
            GTimeSpan   shift)
{
  if (*slot != NULL)
    set_time (slot, g_date_time_add (*slot, shift));
}

static void
clamp_time (GDateTime **slot,
            GDateTime  *latest)
{
  if (*slot != NULL && g_date_time_compare (*slot, latest) > 0)
    set_time (slot, g_date_time_ref (latest));
}

static void
place_state (TonicSampleGenerator *self,
             Planned              *planned,
             GDateTime            *board_now)
{
  GRand *rand = self->plan_rand;
  g_autoptr(GDateTime) end = add_minutes (planned->start, planned->minutes);
  int treatment = tonic_appointment_type_get_default_treatment_minutes (planned->type);
  guint roll = pick (rand, 1000);

  planned->state = TONIC_APPOINTMENT_STATE_SCHEDULED;

  if (planned->day < 0)
    {
      if (roll < 40)
        {
          planned->state = TONIC_APPOINTMENT_STATE_NO_SHOW;
          set_time (&planned->state_changed_at, add_minutes (planned->start, 30));
        }
      else if (roll < 110)
        {
          planned->state = TONIC_APPOINTMENT_STATE_CANCELLED;
          set_time (&planned->state_changed_at,
                    add_minutes (planned->start, -60 * (1 + (int) pick (rand, 72))));
        }
      else
        {
          planned->state = TONIC_APPOINTMENT_STATE_DISCHARGED;
          stamp_visit (rand, planned, TONIC_APPOINTMENT_STATE_DISCHARGED);
        }
      return;
    }

  if (planned->day > 0)
    {
      if (roll < 30)
        {
          planned->state = TONIC_APPOINTMENT_STATE_CANCELLED;
          set_time (&planned->state_changed_at,
                    add_minutes (self->now, -30 * (1 + (int) pick (rand, 96))));
        }
      return;
    }

  /* Today, by the board clock. */
  if (g_date_time_compare (end, board_now) <= 0)
    {
      if (roll < 50 && !planned->anchor)
        {
          planned->state = TONIC_APPOINTMENT_STATE_NO_SHOW;
          set_time (&planned->state_changed_at, add_minutes (planned->start, 30));
        }
      else
        {
          planned->state = TONIC_APPOINTMENT_STATE_DISCHARGED;
          stamp_visit (rand, planned, TONIC_APPOINTMENT_STATE_DISCHARGED);
        }
    }
  else if (g_date_time_compare (planned->start, board_now) <= 0)
    {
      g_autoptr(GDateTime) treatment_end = NULL;

      stamp_visit (rand, planned, TONIC_APPOINTMENT_STATE_IN_CHAIR);
      if (g_date_time_compare (planned->in_chair_at, board_now) > 0)
        set_time (&planned->in_chair_at, g_date_time_ref (board_now));
      set_time (&planned->state_changed_at, g_date_time_ref (planned->in_chair_at));
      planned->state = TONIC_APPOINTMENT_STATE_IN_CHAIR;

      treatment_end = add_minutes (planned->in_chair_at, treatment);
      if (g_date_time_compare (treatment_end, board_now) <= 0)
        {
          planned->state = TONIC_APPOINTMENT_STATE_RECOVERY;
          set_time (&planned->recovery_at, g_date_time_ref (treatment_end));
          set_time (&planned->state_changed_at, g_date_time_ref (treatment_end));
        }
    }
  else
    {
      g_autoptr(GDateTime) soon = add_minutes (board_now, 20);

      if (roll < 30 && !planned->anchor)
        {
          planned->state = TONIC_APPOINTMENT_STATE_CANCELLED;
          set_time (&planned->state_changed_at,
                    add_minutes (board_now, -(30 + (int) pick (rand, 120))));
        }
      else if (g_date_time_compare (planned->start, soon) <= 0)
        {
          planned->state = TONIC_APPOINTMENT_STATE_ARRIVED;
          set_time (&planned->arrived_at, add_minutes (board_now, -(int) pick (rand, 12)));
          set_time (&planned->state_changed_at, g_date_time_ref (planned->arrived_at));
        }
    }

  /* Nothing is recorded after the board clock, nor after the real now. */
  clamp_time (&planned->state_changed_at, board_now);
  clamp_time (&planned->arrived_at, board_now);
  clamp_time (&planned->in_chair_at, board_now);
  clamp_time (&planned->recovery_at, board_now);
  clamp_time (&planned->discharged_at, board_now);
  {
    GTimeSpan shift = g_date_time_difference (self->now, board_now);

    if (shift < 0)
      {
        shift_time (&planned->state_changed_at, shift);
        shift_time (&planned->arrived_at, shift);
        shift_time (&planned->in_chair_at, shift);
        shift_time (&planned->recovery_at, shift);
        shift_time (&planned->discharged_at, shift);
      }
  }
}

static int
compare_planned (gconstpointer a,
                 gconstpointer b)
{
  const Planned *pa = *(const Planned *const *) a;
  const Planned *pb = *(const Planned *const *) b;

  if (pa->patient != pb->patient)
    return pa->patient < pb->patient ? -1 : 1;
  return g_date_time_compare (pa->start, pb->start);
}

static void
make_pool (TonicSampleGenerator *self)
{
  guint n = self->options.n_patients;

  self->n_pool = MIN (n, POOL_MAX);
  self->pool = g_new0 (PoolPatient, self->n_pool);
  self->in_pool = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < self->n_pool; i++)
    {
      guint index;
      guint roll;

      /* Distinct patients, spread over the whole practice. */
      do
        index = n <= POOL_MAX ? i : pick (self->plan_rand, n);
      while (g_hash_table_contains (self->in_pool, GUINT_TO_POINTER (index + 1)));

      roll = pick (self->plan_rand, 100);
      self->pool[i].index = index;
      self->pool[i].course = roll < 65 ? COURSE_IV : roll < 90 ? COURSE_ESKETAMINE : COURSE_IM;
      g_hash_table_insert (self->in_pool, GUINT_TO_POINTER (index + 1), &self->pool[i]);
    }
}

/* The board clock (see the top of the file), and its minute of the day
 * rounded down to 5. */
static GDateTime *
make_board_now (TonicSampleGenerator *self,
                int                  *minutes)
{
  int now_minutes = g_date_time_get_hour (self->now) * 60 + g_date_time_get_minute (self->now);

  if (now_minutes >= BOARD_EARLIEST && now_minutes <= BOARD_LATEST)
    {
      *minutes = now_minutes - now_minutes % 5;
      return g_date_time_ref (self->now);
    }

  *minutes = BOARD_DEFAULT;
  return local_time (&self->today, BOARD_DEFAULT);
}

typedef struct
{
  GDate       date;
  int         day;
  GHashTable *seen;        /* patients already booked that day (index + 1) */
  GDateTime  *board_now;
} PlanDay;

/* Books @type at @minutes on @chair for a pool patient not yet booked that
 * day; FALSE when there is none. An anchor keeps the state the board
 * clock gives it (no random no-show or cancellation). */
static gboolean
plan_visit (TonicSampleGenerator *self,
            PlanDay              *plan_day,
            int                   chair,
            TonicAppointmentType  type,
            int                   minutes,
            gboolean              anchor)
{
  GRand *rand = self->plan_rand;
  const PoolPatient *patient = pick_patient (self, type, plan_day->seen);
  Planned *planned;

  if (patient == NULL)
    return FALSE;

  g_hash_table_add (plan_day->seen, GUINT_TO_POINTER (patient->index + 1));

  planned = g_new0 (Planned, 1);
  planned->patient = patient->index;
  planned->day = plan_day->day;
  planned->start = local_time (&plan_day->date, minutes);
  planned->chair = chair;
  planned->type = type;
  planned->minutes = tonic_appointment_type_get_default_minutes (type);
  planned->nurse = type != TONIC_APPOINTMENT_TYPE_CONSULTATION &&
                   type != TONIC_APPOINTMENT_TYPE_FOLLOW_UP;
  planned->anchor = anchor;
  if (chance (rand, 80))
    planned->note = pick_string (rand, _tonic_sample_appointment_notes);
  place_state (self, planned, plan_day->board_now);
  g_ptr_array_add (self->plan, planned);

  return TRUE;
}

static int
pick_gap (GRand *rand)
{
  guint gap = pick (rand, 100);

  return gap < 60 ? 0 : gap < 85 ? 15 : 30;
}

/* Fills @chair from @from onwards, until the end of the day. */
static void
fill_forward (TonicSampleGenerator *self,
              PlanDay              *plan_day,
              int                   chair,
              int                   from)
{
  int minutes = from;

  while (TRUE)
    {
      TonicAppointmentType type = pick_type (self->plan_rand);

      /* The end of the day takes a short visit, or nothing. */
      if (minutes + tonic_appointment_type_get_default_minutes (type) > DAY_END_MINUTES)
        type = TONIC_APPOINTMENT_TYPE_FOLLOW_UP;
      if (minutes + tonic_appointment_type_get_default_minutes (type) > DAY_END_MINUTES)
        break;

      if (!plan_visit (self, plan_day, chair, type, minutes, FALSE))
        {
          minutes += 30;
          continue;
        }

      minutes += tonic_appointment_type_get_default_minutes (type) + pick_gap (self->plan_rand);
    }
}

/* Fills @chair backwards from a visit ending at @until to the morning. */
static void
fill_backward (TonicSampleGenerator *self,
               PlanDay              *plan_day,
               int                   chair,
               int                   until)
{
  int end = until;

  while (TRUE)
    {
      TonicAppointmentType type = pick_type (self->plan_rand);
      int start = end - tonic_appointment_type_get_default_minutes (type);

      if (start < DAY_START_MINUTES)
        break;

      if (plan_visit (self, plan_day, chair, type, start, FALSE))
        end = start - pick_gap (self->plan_rand);
      else
        end -= 30;
    }
}

/* Today's board is built around the board clock so that every state is on
 * it: chair 1 mid-infusion, chair 2 in recovery, chair 3 under esketamine
 * observation, chair 4 just discharged with the next patient arrived; the
 * morning before them discharged (a no-show now and then), the afternoon
 * scheduled. */
static void
plan_today (TonicSampleGenerator *self,
            PlanDay              *plan_day,
            int                   board)
{
  static const struct
  {
    TonicAppointmentType type;
    int                  offset;   /* start, minutes from the board clock */
  } anchors[TONIC_SAMPLE_CHAIRS][2] = {
    { { TONIC_APPOINTMENT_TYPE_IV_INFUSION, -20 } },
    { { TONIC_APPOINTMENT_TYPE_IV_INFUSION, -70 } },
    { { TONIC_APPOINTMENT_TYPE_ESKETAMINE, -50 } },
    { { TONIC_APPOINTMENT_TYPE_FOLLOW_UP, -35 }, { TONIC_APPOINTMENT_TYPE_IV_INFUSION, 10 } },
  };

  for (int chair = 1; chair <= TONIC_SAMPLE_CHAIRS; chair++)
    {
      int first_start = board + anchors[chair - 1][0].offset;
      int end = first_start;

      fill_backward (self, plan_day, chair, first_start - pick_gap (self->plan_rand));

      for (guint a = 0; a < G_N_ELEMENTS (anchors[0]); a++)
        {
          TonicAppointmentType type = anchors[chair - 1][a].type;
          int start = board + anchors[chair - 1][a].offset;

          if (a > 0 && anchors[chair - 1][a].offset == 0)
            break;

          plan_visit (self, plan_day, chair, type, start, TRUE);
          end = start + tonic_appointment_type_get_default_minutes (type);
        }

      fill_forward (self, plan_day, chair, end + pick_gap (self->plan_rand));
    }
}

static void
make_plan (TonicSampleGenerator *self)
{
  int board = 0;
  g_autoptr(GDateTime) board_now = make_board_now (self, &board);
  int first = -(int) self->options.days_back;
  int last = (int) self->options.days_ahead;

  self->plan = g_ptr_array_new_with_free_func (planned_free);

  for (int day = first; day <= last; day++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      PlanDay plan_day = { .day = day, .seen = seen, .board_now = board_now };
      GDateWeekday weekday;

      plan_day.date = self->today;
      if (day < 0)
        g_date_subtract_days (&plan_day.date, (guint) -day);
      else
        g_date_add_days (&plan_day.date, (guint) day);

      weekday = g_date_get_weekday (&plan_day.date);
      if (day == 0)
        {
          plan_today (self, &plan_day, board);
          continue;
        }
      if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
        continue;

      for (int chair = 1; chair <= TONIC_SAMPLE_CHAIRS; chair++)
        fill_forward (self, &plan_day, chair, DAY_START_MINUTES + (chair - 1) * 10);
    }

  g_ptr_array_sort (self->plan, compare_planned);
}

/* -- Patients ------------------------------------------------------------------ */

static TonicPatient *
make_patient (TonicSampleGenerator *self,
              guint                 index)
{
  GRand *rand = self->rand;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  TonicPatientFields f = { 0 };
  const Culture *culture = pick_culture (rand);
  Writing writing;
  PersonName name = { 0 };
  gboolean female;
  guint sex_roll = pick (rand, 1000);
  GDate birth;
  char dob[11];
  TonicPatient *patient;

  female = pick (rand, 2) == 0;
  pick_writing (rand, culture, &writing);
  make_name (rand, culture, female, &writing, -1, &name);

  f.legal_name = name.legal;
  f.preferred_name = name.preferred;

  if (sex_roll < 10)
    f.sex = TONIC_SEX_UNKNOWN;
  else if (sex_roll < 13)
    f.sex = TONIC_SEX_INTERSEX;
  else
    f.sex = female ? TONIC_SEX_FEMALE : TONIC_SEX_MALE;

  {
    guint roll = pick (rand, 100);

    if (roll < 2)
      {
        f.pronouns = "they/them";
        f.gender = "Non-binary";
      }
    else if (roll < 14)
      {
        f.pronouns = female ? "she/her" : "he/him";
      }
    else if (roll < 15)
      {
        f.pronouns = female ? "he/him" : "she/her";
        f.gender = female ? "Man" : "Woman";
      }
  }

  /* Born 1940-01-01 … 2005-12-31. */
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1, G_DATE_JANUARY, 1940);
  g_date_add_days (&birth, pick (rand, 24106));
  g_snprintf (dob, sizeof dob, "%04u-%02u-%02u", g_date_get_year (&birth),
              g_date_get_month (&birth), g_date_get_day (&birth));
  f.date_of_birth = dob;

  if (chance (rand, 960))
    f.phone_mobile = keep (strings, make_phone (rand));
  if (chance (rand, 250) || f.phone_mobile == NULL)
    f.phone_other = keep (strings, make_phone (rand));
  if (chance (rand, 850))
    f.email = keep (strings, make_email (rand, &name));

  if (chance (rand, 970))
    {
      const char *city = pick_string (rand, _tonic_sample_cities);
      g_auto(GStrv) city_parts = g_strsplit (city, "|", 2);

      f.address_line1 = keep (strings, g_strdup_printf ("%u %s", 100 + pick (rand, 9800),
                                                        pick_string (rand, _tonic_sample_streets)));
      if (chance (rand, 200))
        {
          static const char *const units[] = { "Apt ", "Unit ", "Suite ", NULL };

          f.address_line2 = keep (strings, g_strdup_printf ("%s%u%s", pick_string (rand, units),
                                                            1 + pick (rand, 40),
                                                            chance (rand, 300) ? "B" : ""));
        }
      f.city = keep (strings, g_strdup (city_parts[0]));
      f.region = "CA";
      f.postcode = keep (strings, g_strdup_printf ("%s%02u", city_parts[1], pick (rand, 100)));
    }

  if (chance (rand, 850))
    {
      static const struct
      {
        const char *relationship;
        int         sex;   /* 1 female, 0 male, -1 either */
        gboolean    family;
      } relations[] = {
        { "Spouse", -1, FALSE }, { "Wife", 1, FALSE }, { "Husband", 0, FALSE },
        { "Partner", -1, FALSE }, { "Mother", 1, TRUE }, { "Father", 0, TRUE },
        { "Sister", 1, TRUE }, { "Brother", 0, TRUE }, { "Daughter", 1, TRUE },
        { "Son", 0, TRUE }, { "Friend", -1, FALSE },
      };
      guint r = pick (rand, G_N_ELEMENTS (relations));
      gboolean contact_female = relations[r].sex < 0 ? pick (rand, 2) == 0 : relations[r].sex == 1;
      PersonName contact = { 0 };

      if (relations[r].family)
        {
          make_name (rand, culture, contact_female, &writing, (int) name.family_index, &contact);
        }
      else
        {
          const Culture *other = chance (rand, 600) ? culture : pick_culture (rand);
          Writing other_writing;

          pick_writing (rand, other, &other_writing);
          make_name (rand, other, contact_female, &other_writing, -1, &contact);
        }

      f.emergency_name = keep (strings, g_steal_pointer (&contact.legal));
      f.emergency_relationship = relations[r].relationship;
      f.emergency_phone = keep (strings, make_phone (rand));
      person_name_clear (&contact);
    }

  if (chance (rand, 700))
    {
      const Culture *other = pick_culture (rand);
      Writing latin = { TRUE, FALSE };
      PersonName referrer = { 0 };
      const char *practice = pick_string (rand, _tonic_sample_practices);

      make_name (rand, other, pick (rand, 2) == 0, &latin, -1, &referrer);
      f.referrer_name = keep (strings, g_strdup_printf ("Dr. %s", referrer.legal));
      f.referrer_practice = practice;
      f.referrer_phone = keep (strings, make_phone (rand));
      if (chance (rand, 400))
        {
          g_autofree char *word = g_ascii_strdown (practice, (gssize) strcspn (practice, " "));

          f.referrer_email = keep (strings, g_strdup_printf ("intake.%s@example.org", word));
        }
      person_name_clear (&referrer);
    }

  f.indications = make_indications (rand);

  if (chance (rand, 220))
    {
      const char *first = pick_string (rand, _tonic_sample_allergies);
      const char *second = pick_string (rand, _tonic_sample_allergies);

      if (chance (rand, 250) && first != second)
        f.allergies = keep (strings, g_strdup_printf ("%s\n%s", first, second));
      else
        f.allergies = first;
    }

  {
    gboolean interpreter = culture->culture->language != NULL &&
                           (!writing.latin || culture->culture->hispanic) &&
                           chance (rand, 250);
    const char *note = chance (rand, 80) ? pick_string (rand, _tonic_sample_patient_notes) : NULL;

    if (interpreter)
      {
        f.note = keep (strings, g_strdup_printf ("Interpreter: %s.%s%s",
                                                 culture->culture->language,
                                                 note ? " " : "", note ? note : ""));
      }
    else
      {
        f.note = note;
      }
  }

  /* Drawn for everyone, so the stream does not depend on the pool. */
  f.archived = chance (rand, 15) &&
               !g_hash_table_contains (self->in_pool, GUINT_TO_POINTER (index + 1));
  if (f.archived)
    self->n_archived++;

  patient = tonic_patient_new (&f);
  person_name_clear (&name);

  return patient;
}

static TonicAppointment *
make_appointment (TonicSampleGenerator *self,
                  const Planned        *planned,
                  gint64                patient_id,
                  const char           *patient_name)
{
  TonicAppointmentFields f = { 0 };
  gboolean checked_in = planned->arrived_at != NULL;

  f.patient_id = patient_id;
  f.patient_name = patient_name;
  f.type = planned->type;
  f.chair = planned->chair;
  f.staff_id = planned->nurse ? self->nurse_id : self->clinician_id;
  f.start = planned->start;
  f.minutes = planned->minutes;
  f.state = planned->state;
  f.state_changed_at = planned->state_changed_at;
  f.note = planned->note;
  f.arrived_at = planned->arrived_at;
  f.in_chair_at = planned->in_chair_at;
  f.recovery_at = planned->recovery_at;
  f.discharged_at = planned->discharged_at;
  f.identity_confirmed = checked_in;
  f.driver_confirmed = checked_in && planned->nurse;
  f.fasting_confirmed = checked_in && (planned->type == TONIC_APPOINTMENT_TYPE_IV_INFUSION ||
                                       planned->type == TONIC_APPOINTMENT_TYPE_IM_INJECTION);

  return tonic_appointment_new (&f);
}

/* -- The generator ---------------------------------------------------------------- */

TonicSampleGenerator *
tonic_sample_generator_new (const TonicSampleOptions *options)
{
  TonicSampleGenerator *self;
  guint32 plan_seed[2];

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->n_patients >= 1 &&
                        options->n_patients <= TONIC_SAMPLE_MAX_PATIENTS, NULL);

  ensure_cultures ();

  self = g_new0 (TonicSampleGenerator, 1);
  self->options = *options;
  self->options.now = NULL;
  self->options.progress = NULL;
  self->options.progress_data = NULL;

  self->rand = g_rand_new_with_seed (options->seed);
  plan_seed[0] = options->seed;
  plan_seed[1] = 0x6170706f;   /* "appo" */
  self->plan_rand = g_rand_new_with_seed_array (plan_seed, G_N_ELEMENTS (plan_seed));

  self->now = options->now ? g_date_time_to_local (options->now) : g_date_time_new_now_local ();
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, (GDateDay) g_date_time_get_day_of_month (self->now),
                  (GDateMonth) g_date_time_get_month (self->now),
                  (GDateYear) g_date_time_get_year (self->now));

  make_pool (self);
  make_plan (self);

  return self;
}

void
tonic_sample_generator_free (TonicSampleGenerator *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->plan_rand, g_rand_free);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->in_pool, g_hash_table_unref);
  g_clear_pointer (&self->pool, g_free);
  g_clear_pointer (&self->plan, g_ptr_array_unref);
  g_free (self);
}

void
tonic_sample_generator_set_staff (TonicSampleGenerator *self,
                                  gint64                clinician_id,
                                  gint64                nurse_id)
{
  g_return_if_fail (self != NULL);

  self->clinician_id = clinician_id;
  self->nurse_id = nurse_id;
}

GPtrArray *
tonic_sample_generator_next_batch (TonicSampleGenerator  *self,
                                   guint                  max_patients,
                                   GPtrArray            **appointments)
{
  GPtrArray *patients;
  guint first;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (max_patients > 0, NULL);

  first = self->n_done;
  n = MIN (max_patients, self->options.n_patients - first);
  patients = g_ptr_array_new_full (n, g_object_unref);
  if (appointments != NULL)
    *appointments = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      guint index = first + i;
      TonicPatient *patient = make_patient (self, index);

      g_ptr_array_add (patients, patient);

      /* The plan is by patient index: this patient's visits are next. */
      while (self->next_planned < self->plan->len)
        {
          const Planned *planned = g_ptr_array_index (self->plan, self->next_planned);
          g_autofree char *display_name = NULL;

          if (planned->patient != index)
            break;

          self->next_planned++;
          self->n_appointments++;
          if (planned->day == 0)
            self->n_today++;
          if (appointments == NULL)
            continue;

          display_name = tonic_patient_dup_display_name (patient);
          g_ptr_array_add (*appointments,
                           make_appointment (self, planned, (gint64) i + 1, display_name));
        }
    }

  self->n_done += n;

  return patients;
}

guint
tonic_sample_generator_get_n_done (TonicSampleGenerator *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_done;
}

/* -- Making the practice --------------------------------------------------------- */

const TonicSampleStaff *
tonic_sample_get_staff (guint *n_staff)
{
  if (n_staff != NULL)
    *n_staff = G_N_ELEMENTS (sample_staff);

  return sample_staff;
}

void
tonic_sample_options_init (TonicSampleOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->n_patients = TONIC_SAMPLE_DEFAULT_PATIENTS;
  options->seed = TONIC_SAMPLE_DEFAULT_SEED;
  options->days_back = TONIC_SAMPLE_DEFAULT_DAYS;
  options->days_ahead = TONIC_SAMPLE_DEFAULT_DAYS;
  options->use_keyring = TRUE;
}

void
tonic_sample_summary_clear (TonicSampleSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->practice_dir, g_free);
  g_clear_pointer (&summary->practice_id, g_free);
  g_clear_pointer (&summary->recovery_key, g_free);
  memset (summary, 0, sizeof *summary);
}

/* Runs one async call to completion in the private context. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} Call;

static void
on_call_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;

  call->result = g_object_ref (result);
}

static void
call_clear (Call *call)
{
  g_clear_object (&call->result);
}

static GAsyncResult *
call_result (Call *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);

  return call->result;
}

/* Removes the practice folder made by a run that failed (sample data). */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

typedef struct
{
  Call                      call;
  const TonicSampleOptions *options;
  TonicSampleSummary       *summary;
  TonicKey                 *key;
  TonicStore               *store;
  TonicPracticeDir         *dir;
  gint64                    clinician_id;
  gint64                    nurse_id;
} Run;

static gboolean
check_empty (Run         *run,
             const char  *data_dir,
             GError     **error)
{
  g_autoptr(TonicPracticeDir) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  tonic_practice_dir_locate_async (data_dir, NULL, NULL, on_call_ready, &run->call);
  existing = tonic_practice_dir_locate_finish (call_result (&run->call), &local_error);
  call_clear (&run->call);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing == NULL)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” already holds a practice; choose an empty folder"), data_dir);
  return FALSE;
}

static gboolean
create_practice (Run         *run,
                 const char  *data_dir,
                 GError     **error)
{
  TonicPracticeDraft draft = { 0 };
  char *recovery_key = tonic_recovery_key_generate ();

  draft.practice_name = TONIC_SAMPLE_PRACTICE_NAME;
  draft.admin_name = sample_staff[0].display_name;
  draft.admin_username = sample_staff[0].username;
  draft.admin_password = TONIC_SAMPLE_PASSWORD;
  draft.recovery_key = recovery_key;

  run->summary->recovery_key = g_strdup (recovery_key);

  tonic_practice_dir_create_async (data_dir, &draft, run->key, NULL, on_call_ready, &run->call);
  run->store = tonic_practice_dir_create_finish (call_result (&run->call), &run->dir, error);
  call_clear (&run->call);
  tonic_recovery_key_free (recovery_key);

  if (run->store == NULL)
    return FALSE;

  run->summary->practice_dir = g_strdup (tonic_practice_dir_get_path (run->dir));
  run->summary->practice_id = g_strdup (tonic_practice_dir_get_id (run->dir));
  return TRUE;
}

static gboolean
add_staff (Run         *run,
           GError     **error)
{
  g_autoptr(TonicStaff) admin = NULL;
  g_autofree char *hash = NULL;

  tonic_store_sign_in_async (run->store, TONIC_SAMPLE_ADMIN_USERNAME, TONIC_SAMPLE_PASSWORD,
                             NULL, on_call_ready, &run->call);
  admin = tonic_store_sign_in_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (admin == NULL)
    return FALSE;

  /* One hash for all: they share the sample password anyway. */
  hash = tonic_password_hash (TONIC_SAMPLE_PASSWORD, error);
  if (hash == NULL)
    return FALSE;

  for (guint i = 1; i < G_N_ELEMENTS (sample_staff); i++)
    {
      g_autoptr(TonicStaff) member = NULL;
      gboolean saved;

      tonic_store_add_staff_async (run->store, sample_staff[i].username,
                                   sample_staff[i].display_name, sample_staff[i].role, hash,
                                   NULL, on_call_ready, &run->call);
      member = tonic_store_add_staff_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (member == NULL)
        return FALSE;

      if (sample_staff[i].role == TONIC_ROLE_CLINICIAN)
        run->clinician_id = tonic_staff_get_id (member);
      else if (sample_staff[i].role == TONIC_ROLE_NURSE)
        run->nurse_id = tonic_staff_get_id (member);

      /* Their password opens the practice where the keyring cannot. */
      tonic_practice_dir_set_staff_slot_async (run->dir, run->key, tonic_staff_get_uuid (member),
                                               tonic_staff_get_username (member),
                                               TONIC_SAMPLE_PASSWORD, NULL, on_call_ready,
                                               &run->call);
      saved = tonic_practice_dir_update_finish (run->dir, call_result (&run->call), error);
      call_clear (&run->call);
      if (!saved)
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_setting (Run         *run,
             const char  *name,
             const char  *value,
             GError     **error)
{
  gboolean ok;

  tonic_store_set_setting_async (run->store, name, value, NULL, on_call_ready, &run->call);
  ok = tonic_store_set_setting_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);

  return ok;
}

static gboolean
import_patients (Run         *run,
                 GError     **error)
{
  g_autoptr(TonicSampleGenerator) generator = NULL;
  TonicSampleOptions options = *run->options;
  gint64 started = g_get_monotonic_time ();

  generator = tonic_sample_generator_new (&options);
  tonic_sample_generator_set_staff (generator, run->clinician_id, run->nurse_id);

  while (tonic_sample_generator_get_n_done (generator) < options.n_patients)
    {
      g_autoptr(GPtrArray) appointments = NULL;
      g_autoptr(GPtrArray) patients = NULL;
      gboolean imported;

      patients = tonic_sample_generator_next_batch (generator, BATCH_SIZE, &appointments);

      tonic_store_import_async (run->store, patients, appointments, NULL, on_call_ready,
                                &run->call);
      imported = tonic_store_import_finish (run->store, call_result (&run->call), error);
      call_clear (&run->call);
      if (!imported)
        return FALSE;

      if (options.progress != NULL)
        options.progress (tonic_sample_generator_get_n_done (generator), options.n_patients,
                          options.progress_data);
    }

  run->summary->n_patients = generator->n_done;
  run->summary->n_archived = generator->n_archived;
  run->summary->n_appointments = generator->n_appointments;
  run->summary->n_today = generator->n_today;
  run->summary->import_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  return TRUE;
}

static gboolean
finish_practice (Run         *run,
                 GError     **error)
{
  g_autofree char *hash = NULL;
  gint64 sequence = 0;
  gboolean ok;

  tonic_store_sign_out_async (run->store, TONIC_SIGN_OUT_USER, NULL, on_call_ready, &run->call);
  ok = tonic_store_sign_out_finish (run->store, call_result (&run->call), error);
  call_clear (&run->call);
  if (!ok)
    return FALSE;

  /* The audit head is kept outside the database too, as Tonic does after
   * each change, so a rolled-back copy of the sample is noticed as well. */
  tonic_store_get_audit_head_async (run->store, NULL, on_call_ready, &run->call);
  ok = tonic_store_get_audit_head_finish (run->store, call_result (&run->call), &sequence, &hash,
                                          error);
  call_clear (&run->call);
  if (!ok)
    return FALSE;

  if (sequence > 0)
    {
      tonic_practice_dir_record_audit_head_async (run->dir, sequence, hash, NULL, on_call_ready,
                                                  &run->call);
      ok = tonic_practice_dir_update_finish (run->dir, call_result (&run->call), error);
      call_clear (&run->call);
    }

  return ok;
}

static void
store_in_keyring (Run *run)
{
  g_autoptr(GError) error = NULL;

  tonic_keyring_store_async (run->summary->practice_id, TONIC_SAMPLE_PRACTICE_NAME, run->key,
                             NULL, on_call_ready, &run->call);
  run->summary->in_keyring = tonic_keyring_store_finish (call_result (&run->call), &error);
  call_clear (&run->call);

  /* Fine: any staff password (or the recovery key) opens it. */
  if (!run->summary->in_keyring)
    g_debug ("The sample's key is not in a keyring: %s", error->message);
}

gboolean
tonic_sample_generate_full (const char                *data_dir,
                            const TonicSampleOptions  *options,
                            TonicSampleSummary        *summary,
                            GError                   **error)
{
  g_autoptr(GMainContext) context = NULL;
  TonicSampleSummary local_summary = { 0 };
  gint64 started = g_get_monotonic_time ();
  Run run = { 0 };
  gboolean ok;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->n_patients < 1 || options->n_patients > TONIC_SAMPLE_MAX_PATIENTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The number of patients must be between 1 and %u"),
                   TONIC_SAMPLE_MAX_PATIENTS);
      return FALSE;
    }
  if (options->days_back > 366 || options->days_ahead > 366)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Appointments can be placed at most 366 days back or ahead"));
      return FALSE;
    }

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  run.call.context = context;
  run.options = options;
  run.summary = summary;
  run.key = tonic_key_new_random ();

  ok = check_empty (&run, data_dir, error) &&
       create_practice (&run, data_dir, error) &&
       add_staff (&run, error) &&
       set_setting (&run, TONIC_SETTING_CHAIRS, G_STRINGIFY (TONIC_SAMPLE_CHAIRS), error) &&
       set_setting (&run, TONIC_SAMPLE_SETTING, "true", error) &&
       import_patients (&run, error) &&
       finish_practice (&run, error);

  if (run.store != NULL)
    tonic_store_close (run.store);
  g_clear_object (&run.store);

  if (ok && options->use_keyring)
    store_in_keyring (&run);

  if (!ok && summary->practice_dir != NULL)
    remove_tree (summary->practice_dir);

  g_clear_object (&run.dir);
  g_clear_pointer (&run.key, tonic_key_unref);

  /* Whatever the store announced to this context is of no further use. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  summary->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  if (!ok || summary == &local_summary)
    tonic_sample_summary_clear (summary);

  return ok;
}

gboolean
tonic_sample_generate (const char  *data_dir,
                       guint        n_patients,
                       guint32      seed,
                       GError     **error)
{
  TonicSampleOptions options;

  tonic_sample_options_init (&options);
  options.n_patients = n_patients;
  options.seed = seed;

  return tonic_sample_generate_full (data_dir, &options, NULL, error);
}
