/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-progress-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "tonic-outcome-chart.h"
#include "tonic-outcome-series.h"
#include "tonic-patients-private.h"
#include "tonic-plans-private.h"
#include "tonic-progress-report.h"
#include "tonic-sessions-private.h"
#include "tonic-text.h"
#include "tonic-time.h"

/* Paper, in points. */
#define A4_WIDTH           595.276
#define A4_HEIGHT          841.890
#define LETTER_WIDTH       612.0
#define LETTER_HEIGHT      792.0

/* The page: margins around the blocks, the footer below them. */
#define MARGIN_SIDE        50.0
#define MARGIN_TOP         46.0
#define MARGIN_BOTTOM      70.0
#define FOOTER_GAP         14.0

/* Gaps above blocks (dropped at the top of a page). */
#define SPACE_SECTION      20.0
#define SPACE_CHART        14.0
#define SPACE_ITEM          5.0

#define CHART_HEIGHT      178.0
/* A paragraph broken over pages keeps about two lines on each. */
#define BREAK_MIN          26.0
#define KEY_WIDTH         112.0
#define BOX_PADDING        10.0
#define CELL_PADDING_X      4.0
#define CELL_PADDING_Y      3.5
#define SIDE_EFFECTS_LINES  5
/* Longer side effects are cut in the table and given whole under the
 * adverse events. */
#define SIDE_EFFECTS_CHARS  300

#define FONT_PRACTICE      "Sans Bold 10.5"
#define FONT_TITLE         "Sans Bold 19"
#define FONT_HEADING       "Sans Bold 12"
#define FONT_BODY          "Sans 9.5"
#define FONT_KEY           "Sans 9"
#define FONT_LABEL         "Sans 7.5"
#define FONT_VALUE         "Sans 10"
#define FONT_VALUE_STRONG  "Sans Bold 10"
#define FONT_CHART_TITLE   "Sans Bold 10"
#define FONT_TABLE         "Sans 8.5"
#define FONT_TABLE_HEADER  "Sans Bold 8"
#define FONT_FOOTER        "Sans 7.5"

typedef struct
{
  double red, green, blue;
} Colour;

static const Colour INK = { 0.11, 0.12, 0.14 };
static const Colour MUTED = { 0.38, 0.40, 0.44 };
static const Colour ACCENT = { 0.10, 0.30, 0.53 };
static const Colour RULE = { 0.76, 0.78, 0.81 };
static const Colour HAIRLINE = { 0.86, 0.87, 0.89 };
static const Colour BOX = { 0.95, 0.96, 0.97 };
static const Colour TABLE_HEAD = { 0.90, 0.92, 0.94 };
static const Colour ZEBRA = { 0.972, 0.976, 0.98 };
/* Safety marks and what was not acknowledged, in markup. */
#define ALERT_MARKUP "#a61c17"

/* Something an item draws: text, or a filled rectangle (backgrounds and
 * rules), relative to the item's top left corner. */
typedef struct
{
  PangoLayout  *layout;
  double        x, y;
  const Colour *colour;
} Text;

typedef struct
{
  cairo_rectangle_t  rect;
  const Colour      *colour;
} Fill;

/* A block before it is placed: measured, never cut (except the lines of
 * its @flow layout, when it is taller than a page). */
typedef struct
{
  TonicReportBlockKind  kind;
  gint64                session_id;
  double                height;
  double                space_before;
  gboolean              keep_with_next;
  GArray               *fills;    /* Fill, drawn first */
  GArray               *texts;    /* Text */
  PangoLayout          *flow;     /* (nullable) at the item's top; may break
                                   * between its lines */
  TonicChart           *chart;    /* (nullable) */
  cairo_rectangle_t     chart_rect;
} Item;

/* A placed block: @offset of its item's top is above the block (a later
 * part of a broken paragraph). */
typedef struct
{
  TonicReportBlock  block;
  Item             *item;
  double            offset;
} Placed;

typedef struct
{
  double   x;
  double   width;
  gboolean numeric;
} Column;

/* The sessions table's first columns: date, number, dose, route. */
#define N_FIXED_COLUMNS 4

struct _TonicProgressReport
{
  GObject           parent_instance;

  char             *practice_name;
  TonicPatient     *patient;
  TonicPlan        *plan;
  GPtrArray        *all_sessions; /* as given: owns what @sessions borrows */
  GPtrArray        *sessions;     /* borrowed: the course's signed ones, in order */
  GPtrArray        *series;       /* TonicOutcomeSeries */
  char             *signer_name;
  GDateTime        *created;
  TonicReportPaper  paper;

  PangoContext     *pango;
  GPtrArray        *items;        /* Item */
  GArray           *placed;       /* Placed */
  GHashTable       *cut;          /* sessions whose side effects the table cuts */
  gboolean          laid_out;
  double            page_width;
  double            page_height;
  cairo_rectangle_t content;
  guint             n_pages;
};

G_DEFINE_FINAL_TYPE (TonicProgressReport, tonic_progress_report, G_TYPE_OBJECT)

/* -- Items ----------------------------------------------------------------------- */

static void
item_free (gpointer data)
{
  Item *item = data;

  for (guint i = 0; i < item->texts->len; i++)
    g_object_unref (g_array_index (item->texts, Text, i).layout);
  g_array_unref (item->texts);
  g_array_unref (item->fills);
  if (item->chart != NULL)
    g_object_unref (item->chart);
  g_free (item);
}

static Item *
add_item (TonicProgressReport  *self,
          TonicReportBlockKind  kind,
          double                space_before)
{
  Item *item = g_new0 (Item, 1);

  item->kind = kind;
  item->space_before = space_before;
  item->texts = g_array_new (FALSE, FALSE, sizeof (Text));
  item->fills = g_array_new (FALSE, FALSE, sizeof (Fill));
  g_ptr_array_add (self->items, item);

  return item;
}

/* Adds @layout (taken) at (@x, @y); returns the bottom of the text. */
static double
item_add_text (Item          *item,
               PangoLayout   *layout,
               double         x,
               double         y,
               const Colour  *colour)
{
  Text text = { layout, x, y, colour };
  int height;

  g_array_append_val (item->texts, text);
  pango_layout_get_size (layout, NULL, &height);

  return y + (double) height / PANGO_SCALE;
}

static void
item_add_fill (Item         *item,
               double        x,
               double        y,
               double        width,
               double        height,
               const Colour *colour)
{
  Fill fill = { { x, y, width, height }, colour };

  g_array_append_val (item->fills, fill);
}

static PangoLayout *
make_layout (TonicProgressReport *self,
             const char          *font,
             double               width,
             const char          *text,
             gboolean             markup)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* -- Formatting ------------------------------------------------------------------ */

static char *
format_day (const char *utc,
            gboolean    long_form)
{
  g_autoptr(GDateTime) time = utc != NULL ? tonic_time_parse_utc (utc) : NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  return _tonic_patients_format_date (&date, long_form);
}

static char *
format_session_day (const TonicSession *session,
                    gboolean            long_form)
{
  return format_day (tonic_session_get_held_at (session), long_form);
}

static char *
format_created (TonicProgressReport *self)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (self->created);

  /* Translators: the date of the progress report, in strftime() format,
   * such as "12 March 2026" */
  return g_date_time_format (local, _("%-d %B %Y"));
}

/* "Session 4" or "Session 4, 12 Mar 2026" lines for the key column. */
static char *
format_session_key (const TonicSession *session)
{
  g_autofree char *day = format_session_day (session, FALSE);

  /* Translators: where an event of the progress report happened: the day
   * and, on the next line, the session's number in the course */
  return g_strdup_printf (_("%s\nSession %d"), day, session->number);
}

static char *
format_side_effects (const TonicSession *session)
{
  g_autofree char *labels = tonic_side_effect_format_labels (session->side_effects &
                                                             ~TONIC_SIDE_EFFECT_OTHER);
  g_autofree char *other = NULL;

  if ((session->side_effects & TONIC_SIDE_EFFECT_OTHER) != 0)
    {
      g_autofree char *text = tonic_text_strip (session->side_effects_other);

      other = g_strdup (*text != '\0' ? text
                                       : tonic_side_effect_get_label (TONIC_SIDE_EFFECT_OTHER));
    }

  if (*labels == '\0' && other == NULL)
    /* Translators: no side effects in a session, in the progress report */
    return g_strdup (_("None"));
  if (other == NULL)
    return g_steal_pointer (&labels);
  if (*labels == '\0')
    return g_steal_pointer (&other);

  /* Translators: between the items of a list, as in "PTSD, Chronic pain". */
  return g_strconcat (labels, C_("list separator", ", "), other, NULL);
}

/* The values of a vitals reading, none broken over two lines ("RR 14/min"
 * stays whole: a word joiner follows each slash). */
static char *
format_reading (const TonicVitalsReading *reading)
{
  g_autofree char *text = _tonic_sessions_format_reading (reading);
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);

  return g_strjoinv ("/\u2060", parts);
}

static gboolean
session_has_safety_flag (const TonicSession *session)
{
  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->score.safety != TONIC_SAFETY_NONE)
        return TRUE;
    }

  return FALSE;
}

/* The latest C-SSRS screen of @session, or NULL. */
static const TonicSessionScore *
find_screen (const TonicSession *session)
{
  const TonicSessionScore *found = NULL;

  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->instrument == TONIC_INSTRUMENT_CSSRS)
        found = score;
    }

  return found;
}

static const TonicOutcomePoint *
find_point (TonicOutcomeSeries *series,
            gint64              session_id)
{
  guint n = tonic_outcome_series_get_n_points (series);

  for (guint i = 0; i < n; i++)
    {
      const TonicOutcomePoint *point = tonic_outcome_series_get_point (series, i);

      if (point->session_id == session_id)
        return point;
    }

  return NULL;
}

/* -- Blocks --------------------------------------------------------------------- */

static void
add_title (TonicProgressReport *self,
           double               width)
{
  Item *item = add_item (self, TONIC_REPORT_BLOCK_TITLE, 0);
  g_autofree char *created = format_created (self);
  PangoLayout *date_label;
  PangoLayout *date;
  double y;

  date_label = make_layout (self, FONT_LABEL, width * 0.3, _("Report date"), FALSE);
  pango_layout_set_alignment (date_label, PANGO_ALIGN_RIGHT);
  y = item_add_text (item, date_label, width * 0.7, 1, &MUTED);
  date = make_layout (self, FONT_BODY, width * 0.3, created, FALSE);
  pango_layout_set_alignment (date, PANGO_ALIGN_RIGHT);
  item_add_text (item, date, width * 0.7, y + 1, &INK);

  y = item_add_text (item, make_layout (self, FONT_PRACTICE, width * 0.68, self->practice_name,
                                        FALSE),
                     0, 0, &ACCENT);
  y = item_add_text (item, make_layout (self, FONT_TITLE, width * 0.68,
                                        tonic_progress_report_get_title (self), FALSE),
                     0, y + 2, &INK);
  item_add_fill (item, 0, y + 8, width, 1.6, &ACCENT);
  item->height = y + 8 + 1.6;
}

static void
add_heading (TonicProgressReport *self,
             const char          *text,
             double               width)
{
  Item *item = add_item (self, TONIC_REPORT_BLOCK_HEADING, SPACE_SECTION);
  double y;

  y = item_add_text (item, make_layout (self, FONT_HEADING, width, text, FALSE), 0, 0, &ACCENT);
  item_add_fill (item, 0, y + 3, width, 0.6, &RULE);
  item->height = y + 3 + 0.6 + 7;
  item->keep_with_next = TRUE;
}

static void
add_paragraph (TonicProgressReport *self,
               const char          *markup,
               const Colour        *colour,
               double               space_before,
               double               width)
{
  Item *item = add_item (self, TONIC_REPORT_BLOCK_TEXT, space_before);
  PangoLayout *layout = make_layout (self, FONT_BODY, width, markup, TRUE);

  item->height = item_add_text (item, layout, 0, 0, colour);
  item->flow = layout;
}

/* A line of the "key: value" lists: @key plain text, @value markup. */
static void
add_key_value (TonicProgressReport *self,
               const char          *key,
               const char          *value,
               double               width)
{
  Item *item = add_item (self, TONIC_REPORT_BLOCK_TEXT, SPACE_ITEM);
  PangoLayout *value_layout = make_layout (self, FONT_BODY, width - KEY_WIDTH, value, TRUE);
  double key_bottom;
  double value_bottom;

  key_bottom = item_add_text (item, make_layout (self, FONT_KEY, KEY_WIDTH - 10, key, FALSE),
                              0, 0.5, &MUTED);
  value_bottom = item_add_text (item, value_layout, KEY_WIDTH, 0, &INK);
  item->height = MAX (key_bottom, value_bottom);
  item->flow = value_layout;
}

static void
add_key_text (TonicProgressReport *self,
              const char          *key,
              const char          *text,
              double               width)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  add_key_value (self, key, escaped, width);
}

static void
add_patient_box (TonicProgressReport *self,
                 double               width)
{
  Item *item = add_item (self, TONIC_REPORT_BLOCK_TEXT, 14);
  g_autofree char *name = tonic_patient_dup_display_name (self->patient);
  g_autofree char *born = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *referrer = NULL;
  g_autofree char *indications = tonic_indication_format_labels (self->plan->indications);
  const char *referrer_name = tonic_patient_get_referrer_name (self->patient);
  const char *referrer_practice = tonic_patient_get_referrer_practice (self->patient);
  TonicSex sex = tonic_patient_get_sex (self->patient);
  int age = tonic_patient_get_age (self->patient, NULL);
  double column = (width - 2 * BOX_PADDING) / 3;
  double y = BOX_PADDING;
  const char *cells[6][2];

  born = _tonic_patients_format_iso_date (tonic_patient_get_date_of_birth (self->patient), TRUE);
  if (age >= 0 && *born != '\0')
    /* Translators: a date of birth and the age, such as "3 April 1980 (45 years)" */
    birth = g_strdup_printf (ngettext ("%s (%d year)", "%s (%d years)", age), born, age);
  else
    birth = g_strdup (*born != '\0' ? born : _("Not recorded"));

  if (*referrer_name != '\0' && *referrer_practice != '\0')
    /* Translators: the referring clinician and their practice, such as
     * "Dr Ana Ruiz, Northside Psychiatry" */
    referrer = g_strdup_printf (_("%s, %s"), referrer_name, referrer_practice);
  else if (*referrer_name != '\0' || *referrer_practice != '\0')
    referrer = g_strdup (*referrer_name != '\0' ? referrer_name : referrer_practice);
  else
    referrer = g_strdup (_("Not recorded"));

  cells[0][0] = _("Patient");
  cells[0][1] = name;
  cells[1][0] = _("Date of birth");
  cells[1][1] = birth;
  cells[2][0] = _("MRN");
  cells[2][1] = tonic_patient_get_mrn (self->patient);
  cells[3][0] = _("Sex");
  cells[3][1] = sex != TONIC_SEX_UNKNOWN ? tonic_sex_get_label (sex) : _("Not recorded");
  cells[4][0] = _("Referred by");
  cells[4][1] = referrer;
  cells[5][0] = _("Indications");
  cells[5][1] = *indications != '\0' ? indications : _("Not recorded");

  for (guint row = 0; row < 2; row++)
    {
      double bottom = y;

      for (guint col = 0; col < 3; col++)
        {
          const char **cell = cells[row * 3 + col];
          double x = BOX_PADDING + col * column;
          double cell_y;

          cell_y = item_add_text (item, make_layout (self, FONT_LABEL, column - 12, cell[0], FALSE),
                                  x, y, &MUTED);
          /* The patient's name stands out. */
          cell_y = item_add_text (item,
                                  make_layout (self,
                                               row == 0 && col == 0 ? FONT_VALUE_STRONG
                                                                    : FONT_VALUE,
                                               column - 12, cell[1], FALSE),
                                  x, cell_y + 1.5, &INK);
          bottom = MAX (bottom, cell_y);
        }

      y = bottom + (row == 0 ? 9 : BOX_PADDING);
    }

  item->height = y;
  /* The box goes under the texts: first in the list of fills. */
  item_add_fill (item, 0, 0, width, item->height, &BOX);
  item_add_fill (item, 0, 0, 2.5, item->height, &ACCENT);
}

static void
add_course_summary (TonicProgressReport *self,
                    double               width)
{
  TonicCoursePhase phase = tonic_course_get_phase (self->plan, self->sessions->len);
  g_autofree char *sessions = NULL;
  guint n = self->sessions->len;

  add_heading (self, _("Course summary"), width);

  add_key_text (self, _("Protocol"), tonic_protocol_get_label (self->plan->protocol), width);

  if (n == 0)
    {
      sessions = g_strdup (_("No signed sessions yet"));
    }
  else
    {
      g_autofree char *first = format_session_day (g_ptr_array_index (self->sessions, 0), TRUE);
      g_autofree char *last = format_session_day (g_ptr_array_index (self->sessions, n - 1), TRUE);

      if (n == 1)
        /* Translators: the one signed session of a course, such as
         * "1 signed session on 3 March 2026" */
        sessions = g_strdup_printf (_("1 signed session on %s"), first);
      else
        /* Translators: the signed sessions of a course, such as
         * "8 signed sessions from 3 March 2026 to 28 April 2026" */
        sessions = g_strdup_printf (ngettext ("%u signed session from %s to %s",
                                              "%u signed sessions from %s to %s", n),
                                    n, first, last);
    }
  add_key_text (self, _("Sessions"), sessions, width);
  add_key_text (self, _("Phase"), tonic_course_phase_get_label (phase), width);

  for (guint i = n; i > 0; i--)
    {
      const TonicSession *session = g_ptr_array_index (self->sessions, i - 1);
      g_autofree char *amount = NULL;
      g_autofree char *day = NULL;
      g_autofree char *last = NULL;

      if (session->given_mg <= 0)
        continue;

      amount = _tonic_sessions_format_number (session->given_mg, 1);
      day = format_session_day (session, TRUE);
      /* Translators: the last dose given in a course, such as "40 mg, IV
       * infusion, on 28 April 2026" */
      last = g_strdup_printf (_("%s mg, %s, on %s"), amount, tonic_route_get_label (session->route),
                              day);
      add_key_text (self, _("Last dose"), last, width);
      break;
    }

  for (guint i = 0; i < self->series->len; i++)
    {
      TonicOutcomeSeries *series = g_ptr_array_index (self->series, i);
      TonicOutcomeStatus status = tonic_outcome_series_get_status (series);
      g_autofree char *summary = tonic_outcome_series_get_summary (series);
      g_autofree char *escaped = g_markup_escape_text (summary, -1);
      g_autofree char *value = NULL;

      if (status == TONIC_OUTCOME_NO_BASELINE)
        value = g_steal_pointer (&escaped);
      else
        /* Translators: a measure's status and summary in the progress report,
         * such as "<b>Response</b> — PHQ-9 fell from 21 to 9 over 6 infusions
         * (−57 %): response"; keep the markup */
        value = g_strdup_printf (_("<b>%s</b> — %s"), tonic_outcome_status_get_label (status),
                                 escaped);
      add_key_value (self,
                     tonic_instrument_get_label (tonic_outcome_series_get_instrument (series)),
                     value, width);
    }
}

static void
add_charts (TonicProgressReport *self,
            double               width)
{
  guint booster_days = self->plan->maintenance_max_weeks > 0
                         ? (guint) self->plan->maintenance_max_weeks * 7
                         : TONIC_OUTCOME_CHART_DEFAULT_BOOSTER_GAP_DAYS;

  add_heading (self, _("Outcome measures"), width);

  if (self->series->len == 0)
    add_paragraph (self, _("The plan has no outcome measures to chart."), &MUTED, 0, width);

  for (guint i = 0; i < self->series->len; i++)
    {
      TonicOutcomeSeries *series = g_ptr_array_index (self->series, i);
      TonicInstrument instrument = tonic_outcome_series_get_instrument (series);
      TonicOutcomeStatus status = tonic_outcome_series_get_status (series);
      Item *item = add_item (self, TONIC_REPORT_BLOCK_CHART, i == 0 ? 0 : SPACE_CHART);
      g_autofree char *title = NULL;
      PangoLayout *status_layout;
      PangoRectangle status_extents;
      double y;

      /* Translators: a chart's title in the progress report: the measure's
       * short and long names, such as "PHQ-9 · Patient Health Questionnaire-9" */
      title = g_strdup_printf (_("%s · %s"), tonic_instrument_get_label (instrument),
                               tonic_instrument_get_title (instrument));
      /* The status on the right, the title in the rest of the line. */
      status_layout = make_layout (self, FONT_KEY, width / 3,
                                   tonic_outcome_status_get_label (status), FALSE);
      pango_layout_set_alignment (status_layout, PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_extents (status_layout, NULL, &status_extents);
      item_add_text (item, status_layout, width * 2 / 3, 1, &MUTED);
      y = item_add_text (item, make_layout (self, FONT_CHART_TITLE,
                                            width - status_extents.width - 16, title, FALSE),
                         0, 0, &INK);

      if (tonic_outcome_series_get_n_points (series) == 0)
        {
          g_autofree char *summary = tonic_outcome_series_get_summary (series);

          /* Nothing to draw: the title and the summary in words. */
          y = item_add_text (item, make_layout (self, FONT_BODY, width, summary, FALSE), 0, y + 4,
                             &MUTED);
          item->kind = TONIC_REPORT_BLOCK_TEXT;
          item->height = y;
          continue;
        }

      item->chart = TONIC_CHART (g_object_ref_sink (tonic_outcome_chart_new ()));
      tonic_outcome_chart_set_series (TONIC_OUTCOME_CHART (item->chart), series);
      tonic_outcome_chart_set_booster_gap_days (TONIC_OUTCOME_CHART (item->chart), booster_days);
      item->chart_rect = (cairo_rectangle_t) { 0, y + 5, width, CHART_HEIGHT };
      item->height = y + 5 + CHART_HEIGHT;
    }
}

/* The sessions table: its columns and header cells, the measures that have
 * scores (one column each) and whether there is a C-SSRS column. */
typedef struct
{
  GArray    *columns;   /* Column */
  GPtrArray *header;    /* markup, one per column */
  GPtrArray *scored;    /* borrowed TonicOutcomeSeries */
  guint      dose_digits; /* 1 when a dose has tenths: all are shown with them */
  gboolean   screen;
} Table;

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->columns, g_array_unref);
  g_clear_pointer (&table->header, g_ptr_array_unref);
  g_clear_pointer (&table->scored, g_ptr_array_unref);
}

static gboolean
course_has_screen (TonicProgressReport *self)
{
  for (guint i = 0; i < self->sessions->len; i++)
    if (find_screen (g_ptr_array_index (self->sessions, i)) != NULL)
      return TRUE;

  return FALSE;
}

/* The width of a column whose header is @label: what the label needs on
 * one line, padding included, and at least @minimum. */
static double
fit_header (TonicProgressReport *self,
            const char          *label,
            double               minimum)
{
  g_autoptr(PangoLayout) layout = make_layout (self, FONT_TABLE_HEADER, 0, label, FALSE);
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &width, NULL);

  return MAX (minimum, (double) width / PANGO_SCALE + 2 * CELL_PADDING_X + 1);
}

static void
add_column (TonicProgressReport *self,
            Table               *table,
            const char          *label,
            double               width,
            gboolean             numeric)
{
  Column column = { 0, width, numeric };

  g_ptr_array_add (table->header, g_markup_escape_text (label, -1));
  g_array_append_val (table->columns, column);
}

/* Columns: date, number, dose, route, one per measure with scores, C-SSRS
 * when screened, and the side effects, which take what is left and at
 * least a third of the width (the measures' columns narrow down to make
 * room, their labels wrapping). Numbers are right-aligned. */
static void
table_init (TonicProgressReport *self,
            Table               *table,
            double               width)
{
  double measures_width = 0;
  double used = 0;
  double shrink = 1;

  table->columns = g_array_new (FALSE, FALSE, sizeof (Column));
  table->header = g_ptr_array_new_with_free_func (g_free);
  table->scored = g_ptr_array_new ();
  table->screen = course_has_screen (self);
  for (guint i = 0; i < self->sessions->len; i++)
    {
      const TonicSession *session = g_ptr_array_index (self->sessions, i);

      if (session->given_mg != (double) (gint64) session->given_mg)
        table->dose_digits = 1;
    }

  for (guint i = 0; i < self->series->len; i++)
    {
      TonicOutcomeSeries *series = g_ptr_array_index (self->series, i);

      if (tonic_outcome_series_get_n_points (series) > 0)
        g_ptr_array_add (table->scored, series);
    }

  add_column (self, table, _("Date"), 62, FALSE);
  /* Translators: the session's number in the course, as a table column */
  add_column (self, table, C_("session number", "No."), 30, TRUE);
  /* Translators: a table column: the dose given, in milligrams */
  add_column (self, table, _("Dose (mg)"), fit_header (self, _("Dose (mg)"), 38), TRUE);
  add_column (self, table, _("Route"), 62, FALSE);

  for (guint i = 0; i < table->scored->len; i++)
    {
      TonicOutcomeSeries *series = g_ptr_array_index (table->scored, i);
      const char *label = tonic_instrument_get_label (tonic_outcome_series_get_instrument (series));

      add_column (self, table, label, fit_header (self, label, 36), TRUE);
    }
  if (table->screen)
    {
      const char *label = tonic_instrument_get_label (TONIC_INSTRUMENT_CSSRS);

      add_column (self, table, label, fit_header (self, label, 50), FALSE);
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      double column_width = g_array_index (table->columns, Column, i).width;

      used += column_width;
      if (i >= N_FIXED_COLUMNS && i < N_FIXED_COLUMNS + table->scored->len)
        measures_width += column_width;
    }
  if (measures_width > 0 && width - used < width / 3)
    shrink = MAX (0.5, (measures_width - (width / 3 - (width - used))) / measures_width);

  used = 0;
  for (guint i = 0; i < table->columns->len; i++)
    {
      Column *column = &g_array_index (table->columns, Column, i);

      if (i >= N_FIXED_COLUMNS && i < N_FIXED_COLUMNS + table->scored->len)
        column->width *= shrink;
      column->x = used;
      used += column->width;
    }

  add_column (self, table, _("Side effects"), width - used, FALSE);
  g_array_index (table->columns, Column, table->columns->len - 1).x = used;
}

/* One row of cells (markup) as an item: each cell wraps in its column;
 * the side effects at most SIDE_EFFECTS_LINES lines. */
static Item *
add_table_item (TonicProgressReport  *self,
                const Table          *table,
                TonicReportBlockKind  kind,
                char                **cells,
                double                width)
{
  gboolean header = kind == TONIC_REPORT_BLOCK_TABLE_HEADER;
  Item *item = add_item (self, kind, 0);
  double bottom = 0;

  for (guint i = 0; i < table->columns->len; i++)
    {
      const Column *column = &g_array_index (table->columns, Column, i);
      PangoLayout *layout = make_layout (self, header ? FONT_TABLE_HEADER : FONT_TABLE,
                                         column->width - 2 * CELL_PADDING_X, cells[i], TRUE);
      double cell_bottom;

      if (column->numeric)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      if (!header && i == table->columns->len - 1)
        {
          pango_layout_set_height (layout, -SIDE_EFFECTS_LINES);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
      cell_bottom = item_add_text (item, layout, column->x + CELL_PADDING_X, CELL_PADDING_Y,
                                   header ? &MUTED : &INK);
      bottom = MAX (bottom, cell_bottom);
    }

  item->height = bottom + CELL_PADDING_Y;
  if (header)
    {
      item_add_fill (item, 0, 0, width, item->height, &TABLE_HEAD);
      item_add_fill (item, 0, item->height - 0.8, width, 0.8, &RULE);
      item->keep_with_next = TRUE;
    }
  else
    {
      item_add_fill (item, 0, item->height - 0.5, width, 0.5, &HAIRLINE);
    }

  return item;
}

static char *
tabular (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return g_strdup_printf ("<span font_features=\"tnum=1\">%s</span>", escaped);
}

/* The cells of @session's row, in the columns of @table. */
static void
fill_row (const Table        *table,
          const TonicSession *session,
          GPtrArray          *cells)
{
  g_autofree char *day = format_session_day (session, FALSE);
  g_autofree char *number = g_strdup_printf ("%d", session->number);
  g_autofree char *side_effects = format_side_effects (session);

  /* The cell shows a few lines; a long text is not kept whole behind
   * them (it is under the adverse events). */
  if (g_utf8_strlen (side_effects, -1) > SIDE_EFFECTS_CHARS)
    {
      g_autofree char *start = g_utf8_substring (side_effects, 0, SIDE_EFFECTS_CHARS);

      g_free (side_effects);
      side_effects = g_strconcat (start, "…", NULL);
    }

  g_ptr_array_add (cells, tabular (day));
  if (session_has_safety_flag (session))
    {
      g_autofree char *digits = tabular (number);

      /* The number marked (the table's legend says what the mark means),
       * the mark before it to keep the digits aligned. */
      g_ptr_array_add (cells,
                       g_strdup_printf ("<span foreground=\"" ALERT_MARKUP "\">†</span> %s",
                                        digits));
    }
  else
    {
      g_ptr_array_add (cells, tabular (number));
    }

  if (session->given_mg > 0)
    {
      g_autofree char *amount = g_strdup_printf ("%.*f", (int) table->dose_digits,
                                                 session->given_mg);

      g_ptr_array_add (cells, tabular (amount));
    }
  else
    {
      g_ptr_array_add (cells, g_strdup ("—"));
    }
  g_ptr_array_add (cells, g_markup_escape_text (tonic_route_get_label (session->route), -1));

  for (guint i = 0; i < table->scored->len; i++)
    {
      TonicOutcomeSeries *series = g_ptr_array_index (table->scored, i);
      const TonicOutcomePoint *point = find_point (series, session->id);
      g_autofree char *total = NULL;

      if (point == NULL)
        {
          g_ptr_array_add (cells, g_strdup ("—"));
          continue;
        }

      total = tonic_instrument_format_total (tonic_outcome_series_get_instrument (series),
                                             point->score);
      g_ptr_array_add (cells, tabular (total));
    }

  if (table->screen)
    {
      const TonicSessionScore *screen = find_screen (session);
      const TonicInstrumentBand *band = NULL;

      if (screen != NULL && tonic_instrument_get_n_bands (TONIC_INSTRUMENT_CSSRS) > 0)
        band = tonic_instrument_get_band (TONIC_INSTRUMENT_CSSRS, screen->score.band);
      g_ptr_array_add (cells, band != NULL ? g_markup_escape_text (_(band->label), -1)
                                           : g_strdup ("—"));
    }

  g_ptr_array_add (cells, g_markup_escape_text (side_effects, -1));
}

static void
add_table (TonicProgressReport *self,
           double               width)
{
  Table table = { 0 };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gboolean flagged = FALSE;

  add_heading (self, _("Sessions"), width);

  if (self->sessions->len == 0)
    {
      add_paragraph (self, _("No signed sessions in this course yet."), &MUTED, 0, width);
      return;
    }

  table_init (self, &table, width);
  add_table_item (self, &table, TONIC_REPORT_BLOCK_TABLE_HEADER, (char **) table.header->pdata,
                  width);

  for (guint s = 0; s < self->sessions->len; s++)
    {
      const TonicSession *session = g_ptr_array_index (self->sessions, s);
      PangoLayout *side_effects;
      Item *item;

      g_ptr_array_set_size (cells, 0);
      fill_row (&table, session, cells);
      g_assert (cells->len == table.columns->len);
      flagged |= session_has_safety_flag (session);

      item = add_table_item (self, &table, TONIC_REPORT_BLOCK_TABLE_ROW, (char **) cells->pdata,
                             width);
      item->session_id = session->id;
      /* The side effects, last: when the cell cuts them, the adverse
       * events give them whole. */
      side_effects = g_array_index (item->texts, Text, item->texts->len - 1).layout;
      if (pango_layout_is_ellipsized (side_effects) ||
          g_str_has_suffix (g_ptr_array_index (cells, cells->len - 1), "…"))
        g_hash_table_add (self->cut, (gpointer) session);
      if (s % 2 == 1)
        {
          /* Every other row shaded, under its rule. */
          Fill zebra = { { 0, 0, width, item->height }, &ZEBRA };

          g_array_prepend_val (item->fills, zebra);
        }
    }

  if (flagged)
    {
      Item *last_row = g_ptr_array_index (self->items, self->items->len - 1);
      g_autofree char *legend = NULL;

      /* The legend goes with the table's last row. */
      last_row->keep_with_next = TRUE;

      legend = g_markup_printf_escaped ("<span foreground=\"" ALERT_MARKUP "\">†</span> %s",
                                        /* Translators: the legend of the mark of a
                                         * session in the sessions table */
                                        _("A safety flag was raised in this session: see "
                                          "“Adverse events and safety flags”."));
      add_paragraph (self, legend, &MUTED, 6, width);
    }

  table_clear (&table);
}

/* What an event list says of an acknowledgement no one made yet. */
static char *
format_not_acknowledged (void)
{
  return g_markup_printf_escaped ("<span foreground=\"" ALERT_MARKUP "\">%s</span>",
                                  _("Not acknowledged."));
}

static const char *
name_or_former (const char *name)
{
  return name != NULL && *name != '\0' ? name : _("a former staff member");
}

/* A line of @session's event list: @value is markup. */
static void
add_event (TonicProgressReport *self,
           const TonicSession  *session,
           const char          *value,
           double               width)
{
  g_autofree char *key = format_session_key (session);

  add_key_value (self, key, value, width);
}

static guint
add_safety_events (TonicProgressReport *self,
                   const TonicSession  *session,
                   double               width)
{
  guint n_events = 0;

  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);
      g_autofree char *flag = NULL;
      g_autofree char *acknowledgement = NULL;
      g_autofree char *value = NULL;
      g_autofree char *when = NULL;
      g_autofree char *note = NULL;
      const char *who;

      if (score->score.safety == TONIC_SAFETY_NONE)
        continue;

      flag = g_markup_escape_text (tonic_safety_flag_get_message (score->score.safety), -1);
      note = tonic_text_strip (score->acknowledgement);
      when = _tonic_patients_format_moment (score->acknowledged_at);
      who = name_or_former (score->acknowledged_by_name);

      if (score->acknowledged_at == NULL || *score->acknowledged_at == '\0')
        acknowledgement = format_not_acknowledged ();
      else if (*note != '\0')
        /* Translators: a safety flag's acknowledgement in the progress
         * report: who, when, and the action they noted */
        acknowledgement = g_markup_printf_escaped (_("Acknowledged by %s on %s: %s"), who, when,
                                                   note);
      else
        /* Translators: a safety flag's acknowledgement in the progress
         * report: who and when */
        acknowledgement = g_markup_printf_escaped (_("Acknowledged by %s on %s."), who, when);

      /* Translators: a safety flag in the progress report, such as
       * "<b>Safety flag: PHQ-9 item 9: thoughts of self-harm reported.</b>
       * Acknowledged by …"; keep the markup */
      value = g_strdup_printf (_("<b>Safety flag: %s.</b> %s"), flag, acknowledgement);
      add_event (self, session, value, width);
      n_events++;
    }

  return n_events;
}

static guint
add_vitals_events (TonicProgressReport *self,
                   const TonicSession  *session,
                   double               width)
{
  guint n_events = 0;

  for (guint i = 0; i < session->vitals->len; i++)
    {
      const TonicSessionVitals *vitals = g_ptr_array_index (session->vitals, i);
      g_autofree char *minute = NULL;
      g_autofree char *reading = NULL;
      g_autofree char *alerts = NULL;
      g_autofree char *action = NULL;
      g_autofree char *alert = NULL;
      g_autofree char *value = NULL;
      g_autofree char *note = NULL;
      g_auto(GStrv) lines = NULL;
      const char *who;

      if (vitals->level == TONIC_VITALS_LEVEL_NORMAL)
        continue;

      minute = _tonic_sessions_format_minute (vitals->minute);
      reading = format_reading (&vitals->reading);
      lines = g_strsplit (vitals->alert_text != NULL ? vitals->alert_text : "", "\n", -1);
      /* Translators: between the alerts of one vitals reading */
      alerts = g_strjoinv (_("; "), lines);
      note = tonic_text_strip (vitals->action_note);
      who = name_or_former (vitals->acknowledged_by_name);

      if (vitals->action == TONIC_VITALS_ACTION_NONE)
        action = format_not_acknowledged ();
      else if (*note != '\0')
        /* Translators: what was done about a vitals alert, who decided it,
         * and their note */
        action = g_markup_printf_escaped (_("Action: %s (%s): %s"),
                                          tonic_vitals_action_get_label (vitals->action), who,
                                          note);
      else
        /* Translators: what was done about a vitals alert and who decided it */
        action = g_markup_printf_escaped (_("Action: %s (%s)."),
                                          tonic_vitals_action_get_label (vitals->action), who);

      if (vitals->level == TONIC_VITALS_LEVEL_ALARM)
        /* Translators: a vitals alarm in the progress report: the minute
         * from the dose start, the reading and the alerts' messages; keep
         * the markup */
        alert = g_markup_printf_escaped (_("<b>Vital signs alarm at %s.</b> %s. %s."), minute,
                                         reading, alerts);
      else
        /* Translators: a vitals warning in the progress report: the minute
         * from the dose start, the reading and the alerts' messages; keep
         * the markup */
        alert = g_markup_printf_escaped (_("<b>Vital signs warning at %s.</b> %s. %s."), minute,
                                         reading, alerts);

      value = g_strconcat (alert, " ", action, NULL);
      add_event (self, session, value, width);
      n_events++;
    }

  return n_events;
}

/* Per session, in order: side effects the table cut (in full), a serious
 * adverse event, safety flags with their acknowledgements, vitals alerts
 * with what was done. */
static void
add_events (TonicProgressReport *self,
            double               width)
{
  guint n_events = 0;

  add_heading (self, _("Adverse events and safety flags"), width);

  for (guint s = 0; s < self->sessions->len; s++)
    {
      const TonicSession *session = g_ptr_array_index (self->sessions, s);
      g_autofree char *adverse = tonic_text_strip (session->serious_adverse_event);

      if (g_hash_table_contains (self->cut, session))
        {
          g_autofree char *side_effects = format_side_effects (session);
          g_autofree char *value = NULL;

          /* Translators: a session's side effects in full, in the progress
           * report (the table shows the start); keep the markup */
          value = g_markup_printf_escaped (_("<b>Side effects.</b> %s"), side_effects);
          add_event (self, session, value, width);
          n_events++;
        }

      if (*adverse != '\0')
        {
          g_autofree char *value = NULL;

          /* Translators: a serious adverse event in the progress report;
           * keep the markup */
          value = g_markup_printf_escaped (_("<b>Serious adverse event.</b> %s"), adverse);
          add_event (self, session, value, width);
          n_events++;
        }

      n_events += add_safety_events (self, session, width);
      n_events += add_vitals_events (self, session, width);
    }

  if (n_events == 0)
    add_paragraph (self,
                   _("No serious adverse events, safety flags or vital-sign alerts were "
                     "recorded in this course."),
                   &INK, 0, width);
}

static void
add_plan (TonicProgressReport *self,
          double               width)
{
  const TonicPlan *plan = self->plan;
  const char *unit = _tonic_plans_dose_unit (plan->dose_mode);
  g_autofree char *indications = tonic_indication_format_labels (plan->indications);
  g_autofree char *measures = tonic_instrument_format_set_labels (plan->measures);
  g_autofree char *dose = tonic_plan_format_dose (plan);
  g_autofree char *goals = tonic_text_strip (plan->goals);
  g_autofree char *change_note = tonic_text_strip (plan->change_note);
  g_autofree char *signature = _tonic_plans_format_signature (plan);
  g_autofree char *version = NULL;

  add_heading (self, _("Current plan"), width);

  add_key_text (self, _("Protocol"), tonic_protocol_get_label (plan->protocol), width);
  add_key_text (self, _("Indications"), *indications != '\0' ? indications : _("Not recorded"),
                width);
  add_key_text (self, _("Dose"), dose, width);

  if (plan->titration_min > 0 || plan->titration_max > 0)
    {
      g_autofree char *from = _tonic_plans_format_amount (plan->titration_min);
      g_autofree char *to = _tonic_plans_format_amount (plan->titration_max);
      g_autofree char *range = NULL;

      /* Translators: a titration range, such as "0.5–1 mg/kg"; the last
       * %s is the unit */
      range = g_strdup_printf (_("%s–%s %s"), from, to, unit);
      add_key_text (self, _("Titration range"), range, width);
    }

  if (plan->max_dose_mg > 0)
    {
      g_autofree char *amount = _tonic_plans_format_amount (plan->max_dose_mg);
      g_autofree char *text = NULL;

      /* Translators: a dose in milligrams, such as "84 mg" */
      text = g_strdup_printf (_("%s mg"), amount);
      add_key_text (self, _("Maximum dose"), text, width);
    }

  if (plan->induction_count > 0)
    {
      g_autofree char *weeks = NULL;
      g_autofree char *induction = NULL;

      /* Translators: how long a plan's induction lasts */
      weeks = g_strdup_printf (ngettext ("%d week", "%d weeks", plan->induction_weeks),
                               plan->induction_weeks);
      /* Translators: a plan's induction, such as "6 infusions over 3 weeks";
       * %s is the length in weeks */
      induction = g_strdup_printf (ngettext ("%d infusion over %s", "%d infusions over %s",
                                             plan->induction_count),
                                   plan->induction_count, weeks);
      add_key_text (self, _("Induction"), induction, width);
    }

  if (plan->maintenance_max_weeks > 0)
    {
      int from = plan->maintenance_min_weeks > 0 ? plan->maintenance_min_weeks
                                                 : plan->maintenance_max_weeks;
      int to = plan->maintenance_max_weeks;
      g_autofree char *boosters = NULL;

      if (from == to)
        /* Translators: how often boosters are given */
        boosters = g_strdup_printf (ngettext ("Every %d week", "Every %d weeks", to), to);
      else
        /* Translators: how often boosters are given, such as "Every 2–6 weeks" */
        boosters = g_strdup_printf (ngettext ("Every %d–%d week", "Every %d–%d weeks", to),
                                    from, to);
      add_key_text (self, _("Boosters"), boosters, width);
    }

  add_key_text (self, _("Measures"), *measures != '\0' ? measures : _("None"), width);
  if (plan->consent_date != NULL && *plan->consent_date != '\0')
    {
      g_autofree char *consent = _tonic_patients_format_iso_date (plan->consent_date, TRUE);

      add_key_text (self, _("Consent on file"), consent, width);
    }
  add_key_text (self, _("Goals"), *goals != '\0' ? goals : _("Not recorded"), width);

  /* Translators: a plan's version and its signature, such as "Version 2 ·
   * Signed by Sam Okonkwo on Tue 3 Mar 2026, 14:05" */
  version = g_strdup_printf (_("Version %d · %s"), plan->version, signature);
  add_key_text (self, _("Plan"), version, width);
  if (*change_note != '\0')
    add_key_text (self, _("Why it changed"), change_note, width);
}

static void
add_signature (TonicProgressReport *self,
               double               width)
{
  Item *item = add_item (self, TONIC_REPORT_BLOCK_SIGNATURE, 34);
  const double line_y = 34;
  const double date_width = 130;
  double sign_width = MIN (250, width - date_width - 40);
  double date_x = width - date_width;
  double bottom;
  PangoLayout *name;

  item_add_text (item, make_layout (self, FONT_LABEL, width,
                                    _("Signature of the treating clinician"), FALSE),
                 0, 0, &MUTED);
  item_add_fill (item, 0, line_y, sign_width, 0.8, &INK);
  item_add_fill (item, date_x, line_y, date_width, 0.8, &INK);

  name = make_layout (self, "Sans Bold 9.5", sign_width, self->signer_name, FALSE);
  bottom = item_add_text (item, name, 0, line_y + 4, &INK);
  item_add_text (item, make_layout (self, FONT_KEY, date_width, _("Date"), FALSE), date_x,
                 line_y + 4, &MUTED);
  bottom = item_add_text (item, make_layout (self, FONT_KEY, sign_width, self->practice_name,
                                             FALSE),
                          0, bottom + 1, &MUTED);
  item->height = bottom;
}

static void
build_items (TonicProgressReport *self,
             double               width)
{
  g_ptr_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->cut);

  add_title (self, width);
  add_patient_box (self, width);
  add_course_summary (self, width);
  add_charts (self, width);
  add_table (self, width);
  add_events (self, width);
  add_plan (self, width);
  add_signature (self, width);
}

/* -- Pagination ------------------------------------------------------------------- */

static void
place (TonicProgressReport *self,
       Item                *item,
       guint                page,
       double               y,
       double               offset,
       double               height)
{
  Placed placed = { { 0 } };

  placed.block.kind = item->kind;
  placed.block.page = page;
  placed.block.rect = (cairo_rectangle_t) { self->content.x, y, self->content.width, height };
  placed.block.session_id = item->session_id;
  placed.item = item;
  placed.offset = offset;
  g_array_append_val (self->placed, placed);
}

/* Whether @item may break between the lines of its flow: a paragraph
 * longer than a third of a page. */
static gboolean
is_breakable (TonicProgressReport *self,
              Item                *item)
{
  return item->flow != NULL && item->height > self->content.height / 3;
}

/* The height @item needs on its page with the items it is kept with (of
 * a paragraph that may break, its first lines). */
static double
group_height (TonicProgressReport *self,
              guint                index)
{
  Item *item = g_ptr_array_index (self->items, index);
  double height = item->height;

  for (guint i = index; i + 1 < self->items->len; i++)
    {
      Item *next = g_ptr_array_index (self->items, i + 1);

      if (!((Item *) g_ptr_array_index (self->items, i))->keep_with_next)
        break;
      if (is_breakable (self, next))
        {
          height += next->space_before + BREAK_MIN;
          break;
        }
      height += next->space_before + next->height;
    }

  /* What cannot fit on a page together is not kept together. */
  return height <= self->content.height ? height : item->height;
}

/* The lowest line bottom of @item's flow at or above @limit (from the
 * item's top), or 0 when no line ends there. */
static double
find_break (Item   *item,
            double  limit)
{
  PangoLayoutIter *iter = pango_layout_get_iter (item->flow);
  double best = 0;

  do
    {
      PangoRectangle logical;
      double bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      if (bottom > limit)
        break;
      best = bottom;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return best;
}

static void
paginate (TonicProgressReport *self)
{
  double top = self->content.y;
  double bottom = self->content.y + self->content.height;
  Item *table_header = NULL;
  double y = top;
  guint page = 0;

  g_array_set_size (self->placed, 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      double gap = y > top ? item->space_before : 0;
      gboolean breakable = is_breakable (self, item);

      if (item->kind == TONIC_REPORT_BLOCK_TABLE_HEADER)
        table_header = item;
      else if (item->kind != TONIC_REPORT_BLOCK_TABLE_ROW)
        table_header = NULL;

      if (y > top && !breakable && y + gap + group_height (self, i) > bottom)
        {
          page++;
          y = top;
          gap = 0;
          /* A table goes on under its header again. */
          if (item->kind == TONIC_REPORT_BLOCK_TABLE_ROW && table_header != NULL)
            {
              place (self, table_header, page, y, 0, table_header->height);
              y += table_header->height;
            }
        }

      y += gap;
      if (!breakable || y + item->height <= bottom)
        {
          place (self, item, page, y, 0, item->height);
          y += item->height;
          continue;
        }

      /* A long paragraph: its lines flow on, a few at least on each page. */
      for (double offset = 0; offset < item->height;)
        {
          double cut = item->height - offset <= bottom - y ? item->height
                                                           : find_break (item, offset + bottom - y);

          if (cut < item->height && item->height - cut < BREAK_MIN)
            cut = find_break (item, item->height - BREAK_MIN);
          if (cut <= offset || (offset == 0 && cut < BREAK_MIN))
            {
              if (y > top)
                {
                  page++;
                  y = top;
                  continue;
                }
              /* A single line taller than a page: cut it. */
              cut = offset + bottom - y;
            }

          place (self, item, page, y, offset, cut - offset);
          y += cut - offset;
          offset = cut;
          if (offset < item->height)
            {
              page++;
              y = top;
            }
        }
    }

  self->n_pages = page + 1;
}

/* -- Drawing ----------------------------------------------------------------------- */

static void
set_colour (cairo_t      *cr,
            const Colour *colour)
{
  cairo_set_source_rgb (cr, colour->red, colour->green, colour->blue);
}

static void
show_layout (cairo_t      *cr,
             PangoLayout  *layout,
             double        x,
             double        y,
             const Colour *colour)
{
  set_colour (cr, colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_item (Item    *item,
           cairo_t *cr,
           double   x,
           double   y)
{
  for (guint i = 0; i < item->fills->len; i++)
    {
      const Fill *fill = &g_array_index (item->fills, Fill, i);

      set_colour (cr, fill->colour);
      cairo_rectangle (cr, x + fill->rect.x, y + fill->rect.y, fill->rect.width, fill->rect.height);
      cairo_fill (cr);
    }

  for (guint i = 0; i < item->texts->len; i++)
    {
      const Text *text = &g_array_index (item->texts, Text, i);

      show_layout (cr, text->layout, x + text->x, y + text->y, text->colour);
    }

  if (item->chart != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, x + item->chart_rect.x, y + item->chart_rect.y);
      tonic_chart_draw_cairo (item->chart, cr, item->chart_rect.width, item->chart_rect.height);
      cairo_restore (cr);
    }
}

static void
draw_footer (TonicProgressReport *self,
             cairo_t             *cr,
             guint                page)
{
  double x = self->content.x;
  double width = self->content.width;
  double y = self->content.y + self->content.height + FOOTER_GAP;
  g_autofree char *name = tonic_patient_dup_display_name (self->patient);
  g_autofree char *born = NULL;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;
  g_autofree char *created = format_created (self);
  g_autofree char *page_text = NULL;
  g_autoptr(PangoLayout) who_layout = NULL;
  g_autoptr(PangoLayout) where_layout = NULL;
  g_autoptr(PangoLayout) page_layout = NULL;

  set_colour (cr, &RULE);
  cairo_rectangle (cr, x, y, width, 0.6);
  cairo_fill (cr);

  born = _tonic_patients_format_iso_date (tonic_patient_get_date_of_birth (self->patient), FALSE);
  /* Translators: the patient in the progress report's footer: name, MRN
   * and date of birth, such as "<b>Ana Ruiz</b> · MRN TN-0000012-5 · born
   * 3 Apr 1980"; keep the markup */
  who = g_markup_printf_escaped (_("<b>%s</b> · MRN %s · born %s"), name,
                                 tonic_patient_get_mrn (self->patient), born);
  /* Translators: the progress report's footer: the practice, the title and
   * the report's date */
  where = g_strdup_printf (_("%s · %s · %s"), self->practice_name,
                           tonic_progress_report_get_title (self), created);
  /* Translators: the page number in the progress report's footer */
  page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);

  who_layout = make_layout (self, FONT_FOOTER, width - 90, who, TRUE);
  pango_layout_set_ellipsize (who_layout, PANGO_ELLIPSIZE_END);
  where_layout = make_layout (self, FONT_FOOTER, width - 90, where, FALSE);
  pango_layout_set_ellipsize (where_layout, PANGO_ELLIPSIZE_END);
  page_layout = make_layout (self, FONT_FOOTER, 90, page_text, FALSE);
  pango_layout_set_alignment (page_layout, PANGO_ALIGN_RIGHT);

  show_layout (cr, who_layout, x, y + 5, &INK);
  show_layout (cr, where_layout, x, y + 5 + layout_height (who_layout) + 1, &MUTED);
  show_layout (cr, page_layout, x + width - 90, y + 5, &INK);
}

/* -- Print operation --------------------------------------------------------------- */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  TonicProgressReport *self = user_data;
  guint n_pages;

  n_pages = tonic_progress_report_layout (self, gtk_print_context_get_width (context),
                                          gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  TonicProgressReport *self = user_data;

  tonic_progress_report_draw_page (self, gtk_print_context_get_cairo_context (context),
                                   (guint) page);
}

static void
on_print_cancelled (GCancellable      *cancellable,
                    GtkPrintOperation *operation)
{
  gtk_print_operation_cancel (operation);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  g_autoptr(GTask) task = g_object_steal_data (G_OBJECT (operation), "tonic-task");
  GError *error = NULL;

  if (task == NULL)
    return;

  if (g_task_get_cancellable (task) != NULL)
    g_signal_handlers_disconnect_by_func (g_task_get_cancellable (task), on_print_cancelled,
                                          operation);

  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_APPLY:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
      g_task_return_boolean (task, TRUE);
      break;

    case GTK_PRINT_OPERATION_RESULT_CANCEL:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Printing was cancelled"));
      break;

    case GTK_PRINT_OPERATION_RESULT_ERROR:
    default:
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The report could not be printed"));
      break;
    }
}

/* -- Object --------------------------------------------------------------------------- */

static void
tonic_progress_report_finalize (GObject *object)
{
  TonicProgressReport *self = TONIC_PROGRESS_REPORT (object);

  g_clear_pointer (&self->placed, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->cut, g_hash_table_unref);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->practice_name, g_free);
  g_clear_object (&self->patient);
  g_clear_pointer (&self->plan, tonic_plan_free);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->all_sessions, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->signer_name, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (tonic_progress_report_parent_class)->finalize (object);
}

static void
tonic_progress_report_class_init (TonicProgressReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tonic_progress_report_finalize;
}

static void
tonic_progress_report_init (TonicProgressReport *self)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();
  GtkPaperSize *paper = gtk_paper_size_new (NULL);

  /* Measured in points, unhinted: the same layout on a PDF page and on a
   * printer's page at any resolution. */
  self->pango = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->pango, 72.0);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango, FALSE);

  self->items = g_ptr_array_new_with_free_func (item_free);
  self->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  self->cut = g_hash_table_new (NULL, NULL);
  self->paper = g_str_equal (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER)
                  ? TONIC_REPORT_PAPER_LETTER
                  : TONIC_REPORT_PAPER_A4;
  gtk_paper_size_free (paper);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const TonicSession *first = *(const TonicSession **) a;
  const TonicSession *second = *(const TonicSession **) b;
  g_autoptr(GDateTime) first_at = tonic_time_parse_utc (tonic_session_get_held_at (first));
  g_autoptr(GDateTime) second_at = tonic_time_parse_utc (tonic_session_get_held_at (second));
  int by_time;

  if (first_at != NULL && second_at != NULL)
    {
      by_time = g_date_time_compare (first_at, second_at);
      if (by_time != 0)
        return by_time;
    }

  return (first->number > second->number) - (first->number < second->number);
}

/* One series per outcome measure of the plan, the primary first. */
static GPtrArray *
build_series (TonicProgressReport *self)
{
  GPtrArray *series = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_outcome_series_unref);
  int primary = tonic_instrument_set_get_primary (self->plan->measures);

  if (primary >= 0)
    g_ptr_array_add (series, tonic_outcome_series_new_for_course (self->sessions,
                                                                   self->plan->course_id,
                                                                   primary, NULL));

  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    {
      if ((int) i == primary || (self->plan->measures & TONIC_INSTRUMENT_BIT (i)) == 0 ||
          tonic_instrument_get_kind (i) != TONIC_INSTRUMENT_KIND_OUTCOME)
        continue;

      g_ptr_array_add (series, tonic_outcome_series_new_for_course (self->sessions,
                                                                     self->plan->course_id, i,
                                                                     NULL));
    }

  return series;
}

/* Lays out on the set paper. */
static void
layout_on_paper (TonicProgressReport *self)
{
  if (self->paper == TONIC_REPORT_PAPER_LETTER)
    tonic_progress_report_layout (self, LETTER_WIDTH, LETTER_HEIGHT);
  else
    tonic_progress_report_layout (self, A4_WIDTH, A4_HEIGHT);
}

static void
ensure_layout (TonicProgressReport *self)
{
  if (!self->laid_out)
    layout_on_paper (self);
}

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* -- Public API -------------------------------------------------------------------------- */

TonicProgressReport *
tonic_progress_report_new (const char      *practice_name,
                           TonicPatient    *patient,
                           const TonicPlan *plan,
                           GPtrArray       *sessions,
                           GPtrArray       *series,
                           const char      *signer_name,
                           GDateTime       *created)
{
  TonicProgressReport *self;

  g_return_val_if_fail (practice_name != NULL, NULL);
  g_return_val_if_fail (TONIC_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (sessions != NULL, NULL);
  g_return_val_if_fail (signer_name != NULL, NULL);
  g_return_val_if_fail (created != NULL, NULL);

  self = g_object_new (TONIC_TYPE_PROGRESS_REPORT, NULL);
  self->practice_name = g_strdup (practice_name);
  self->patient = g_object_ref (patient);
  self->plan = tonic_plan_copy (plan);
  self->all_sessions = g_ptr_array_ref (sessions);
  self->signer_name = g_strdup (signer_name);
  self->created = g_date_time_ref (created);

  self->sessions = g_ptr_array_new ();
  for (guint i = 0; i < sessions->len; i++)
    {
      TonicSession *session = g_ptr_array_index (sessions, i);

      if (session->course_id == plan->course_id && session->status == TONIC_SESSION_STATUS_SIGNED)
        g_ptr_array_add (self->sessions, session);
    }
  g_ptr_array_sort (self->sessions, compare_sessions);

  self->series = series != NULL ? g_ptr_array_ref (series) : build_series (self);

  return self;
}

TonicReportPaper
tonic_progress_report_get_paper (TonicProgressReport *self)
{
  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), TONIC_REPORT_PAPER_A4);

  return self->paper;
}

void
tonic_progress_report_set_paper (TonicProgressReport *self,
                                 TonicReportPaper     paper)
{
  g_return_if_fail (TONIC_IS_PROGRESS_REPORT (self));
  g_return_if_fail (paper == TONIC_REPORT_PAPER_A4 || paper == TONIC_REPORT_PAPER_LETTER);

  self->paper = paper;
  self->laid_out = FALSE;
}

char *
tonic_progress_report_dup_file_name (TonicProgressReport *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *mrn = NULL;

  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), NULL);

  local = g_date_time_to_local (self->created);
  day = g_date_time_format (local, "%Y-%m-%d");
  mrn = g_strdup (tonic_patient_get_mrn (self->patient));
  for (char *p = mrn; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      *p = '-';

  if (*mrn == '\0')
    return g_strdup_printf ("progress-report-%s.pdf", day);

  return g_strdup_printf ("progress-report-%s-%s.pdf", mrn, day);
}

const char *
tonic_progress_report_get_title (TonicProgressReport *self)
{
  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), NULL);

  return _("Treatment Progress Report");
}

guint
tonic_progress_report_layout (TonicProgressReport *self,
                              double               width,
                              double               height)
{
  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), 0);
  g_return_val_if_fail (width > 2 * MARGIN_SIDE + 200, 0);
  g_return_val_if_fail (height > MARGIN_TOP + MARGIN_BOTTOM + CHART_HEIGHT + 100, 0);

  if (self->laid_out && self->page_width == width && self->page_height == height)
    return self->n_pages;

  self->page_width = width;
  self->page_height = height;
  self->content = (cairo_rectangle_t) { MARGIN_SIDE, MARGIN_TOP, width - 2 * MARGIN_SIDE,
                                        height - MARGIN_TOP - MARGIN_BOTTOM };
  build_items (self, self->content.width);
  paginate (self);
  self->laid_out = TRUE;

  return self->n_pages;
}

guint
tonic_progress_report_get_n_pages (TonicProgressReport *self)
{
  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), 0);

  ensure_layout (self);
  return self->n_pages;
}

void
tonic_progress_report_get_page_size (TonicProgressReport *self,
                                     double              *width,
                                     double              *height)
{
  g_return_if_fail (TONIC_IS_PROGRESS_REPORT (self));

  ensure_layout (self);
  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

void
tonic_progress_report_get_content_area (TonicProgressReport *self,
                                        cairo_rectangle_t   *area)
{
  g_return_if_fail (TONIC_IS_PROGRESS_REPORT (self));
  g_return_if_fail (area != NULL);

  ensure_layout (self);
  *area = self->content;
}

guint
tonic_progress_report_get_n_blocks (TonicProgressReport *self)
{
  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), 0);

  ensure_layout (self);
  return self->placed->len;
}

const TonicReportBlock *
tonic_progress_report_get_block (TonicProgressReport *self,
                                 guint                index)
{
  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), NULL);

  ensure_layout (self);
  g_return_val_if_fail (index < self->placed->len, NULL);

  return &g_array_index (self->placed, Placed, index).block;
}

void
tonic_progress_report_draw_page (TonicProgressReport *self,
                                 cairo_t             *cr,
                                 guint                page)
{
  g_return_if_fail (TONIC_IS_PROGRESS_REPORT (self));
  g_return_if_fail (cr != NULL);

  ensure_layout (self);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  for (guint i = 0; i < self->placed->len; i++)
    {
      const Placed *placed = &g_array_index (self->placed, Placed, i);
      const cairo_rectangle_t *rect = &placed->block.rect;

      if (placed->block.page != page)
        continue;

      cairo_save (cr);
      if (placed->offset > 0 || rect->height < placed->item->height)
        {
          cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
          cairo_clip (cr);
        }
      draw_item (placed->item, cr, rect->x, rect->y - placed->offset);
      cairo_restore (cr);
    }

  draw_footer (self, cr, page);
  cairo_restore (cr);
}

gboolean
tonic_progress_report_write_pdf (TonicProgressReport  *self,
                                 GFile                *file,
                                 GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layout_on_paper (self);

  /* Made in memory first: the file is written whole or not at all. */
  surface = cairo_pdf_surface_create_for_stream (write_to_bytes, bytes, self->page_width,
                                                 self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  tonic_progress_report_get_title (self));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tonic");
  cr = cairo_create (surface);
  for (guint page = 0; page < self->n_pages; page++)
    {
      tonic_progress_report_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not make the report: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

GtkPrintOperation *
_tonic_progress_report_new_print_operation (TonicProgressReport *self)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *paper;

  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), NULL);

  paper = gtk_paper_size_new (self->paper == TONIC_REPORT_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                                       : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_paper_size_free (paper);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, tonic_progress_report_get_title (self));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The report keeps its own margins, wider than a printer's. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);

  return operation;
}

void
tonic_progress_report_print_async (TonicProgressReport *self,
                                   GtkWindow           *parent,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (TONIC_IS_PROGRESS_REPORT (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tonic_progress_report_print_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  operation = _tonic_progress_report_new_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* The task lives on the operation until "done" completes it; the task
   * keeps the operation alive in turn. */
  g_object_set_data_full (G_OBJECT (operation), "tonic-task", g_object_ref (task),
                          g_object_unref);
  g_task_set_task_data (task, g_object_ref (operation), g_object_unref);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), NULL);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (on_print_cancelled),
                             operation, 0);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                    &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GTask) pending = g_object_steal_data (G_OBJECT (operation), "tonic-task");

      if (pending != NULL)
        g_task_return_error (pending, g_steal_pointer (&error));
    }
  else if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      /* Finished at once: "done" has been emitted, or is emitted now. */
      on_print_done (operation, result, NULL);
    }
}

gboolean
tonic_progress_report_print_finish (TonicProgressReport  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (TONIC_IS_PROGRESS_REPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, tonic_progress_report_print_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
