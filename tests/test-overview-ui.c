/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Overview view: empty until a course is signed; then a chart and a
 * table whose numbers are the store's, the chart's words, its bars where
 * the numbers put them; loading again each time it is shown; and in the
 * workspace only for the roles that may read it. */
#define G_LOG_DOMAIN "test-overview-ui"

#include "config.h"

#include "overview-test-helpers.h"
#include "tonic-chart-palette.h"
#include "tonic-overview-chart.h"
#include "tonic-overview-view.h"
#include "tonic-sign-in-page.h"
#include "tonic-test-ui.h"
#include "tonic-workspace.h"

#define PRACTICE_NAME  "Riverside Ketamine Clinic"
#define ADMIN_NAME     "Dana Whitfield"
#define ADMIN_USER     "dana.whitfield"
#define PASSWORD       "lantern-orbit-meadow-42"
#define CLINICIAN_USER "sam.clinician"
#define NURSE_USER     "noor.nurse"

typedef struct
{
  char              *home;
  char              *data_dir;
  TonicTestPractice  practice;
  gint64             clinician_id;
  GtkWindow         *window;
  GtkWidget         *view;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) clinician = NULL;
  g_autoptr(TonicStaff) nurse = NULL;

  fixture->home = g_dir_make_tmp ("tonic-overview-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->home, "data", NULL);
  tonic_test_ui_app_get (fixture->data_dir);
  tonic_test_practice_create (&fixture->practice, fixture->data_dir, PRACTICE_NAME, ADMIN_NAME,
                              ADMIN_USER, PASSWORD, TRUE);
  clinician = tonic_test_practice_add_staff (&fixture->practice, CLINICIAN_USER, "Sam Okonkwo",
                                             TONIC_ROLE_CLINICIAN, PASSWORD);
  nurse = tonic_test_practice_add_staff (&fixture->practice, NURSE_USER, "Noor Haddad",
                                         TONIC_ROLE_NURSE, PASSWORD);
  fixture->clinician_id = tonic_staff_get_id (clinician);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (fixture->window);
      tonic_test_ui_spin (100);
      g_assert_finalize_object (g_steal_pointer (&fixture->window));
    }
  tonic_test_practice_clear (&fixture->practice);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
  g_free (fixture->data_dir);
}

static void
store_sign_in (Fixture    *fixture,
               const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicStaff) staff = NULL;

  staff = store_test_sign_in (fixture->practice.store, username, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

/* Three depression courses (a response after two infusions, one after one
 * infusion that remits, none) and a pain course (a response after one
 * infusion; pain has no remission rule), as the clinician. */
static void
store_add_courses (Fixture *fixture)
{
  static const OverviewTestStep responder[] = {
    { 20, FALSE, TRUE }, { 14, FALSE, TRUE }, { 10, FALSE, TRUE },
  };
  static const OverviewTestStep remitter[] = {
    { 18, FALSE, TRUE }, { 8, FALSE, TRUE }, { 4, FALSE, TRUE },
  };
  static const OverviewTestStep non_responder[] = {
    { 20, FALSE, TRUE }, { 16, FALSE, TRUE },
  };
  static const OverviewTestStep pain[] = {
    { 8, FALSE, TRUE }, { 5, FALSE, TRUE },
  };
  static const struct
  {
    const char             *name;
    TonicProtocol           protocol;
    TonicIndication         indication;
    TonicInstrument         measure;
    const OverviewTestStep *steps;
    guint                   n_steps;
  } courses[] = {
    { "Ada Responder", TONIC_PROTOCOL_IV_DEPRESSION,
      TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION, TONIC_INSTRUMENT_PHQ9, responder,
      G_N_ELEMENTS (responder) },
    { "Bo Remitter", TONIC_PROTOCOL_IV_DEPRESSION,
      TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION, TONIC_INSTRUMENT_PHQ9, remitter,
      G_N_ELEMENTS (remitter) },
    { "Cy Nonresponder", TONIC_PROTOCOL_IV_DEPRESSION,
      TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION, TONIC_INSTRUMENT_PHQ9, non_responder,
      G_N_ELEMENTS (non_responder) },
    { "Hal Pain", TONIC_PROTOCOL_IV_PAIN, TONIC_INDICATION_CHRONIC_PAIN,
      TONIC_INSTRUMENT_PAIN_NRS, pain, G_N_ELEMENTS (pain) },
  };

  store_sign_in (fixture, CLINICIAN_USER);
  for (guint i = 0; i < G_N_ELEMENTS (courses); i++)
    {
      g_autoptr(TonicPlan) plan = NULL;

      plan = overview_test_add_course (fixture->practice.store, courses[i].name,
                                       courses[i].protocol, courses[i].indication,
                                       courses[i].measure, courses[i].steps, courses[i].n_steps);
    }
}

/* Waiting */

#define VIEW(fixture, name) \
  tonic_test_ui_child ((fixture)->view, TONIC_TYPE_OVERVIEW_VIEW, name)

typedef struct
{
  Fixture *fixture;
  guint    count;
} AuditWait;

static gboolean
audited (gpointer data)
{
  AuditWait *wait = data;

  return store_test_count_audit (wait->fixture->practice.store, "overview.view", "ok",
                                 wait->fixture->clinician_id) >= wait->count;
}

static void
show_view (Fixture *fixture)
{
  fixture->window = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (fixture->window, 960, 900);
  fixture->view = tonic_overview_view_new (fixture->practice.store);
  gtk_window_set_child (fixture->window, fixture->view);
  gtk_window_present (fixture->window);
}

/* The colour of the pixel at (@x, @y) of @chart drawn at @width × @height
 * in light colours. */
static void
chart_pixel (TonicChart *chart,
             int         width,
             int         height,
             double      x,
             double      y,
             GdkRGBA    *color)
{
  g_autoptr(GskRenderNode) node = tonic_chart_render (chart, width, height, FALSE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;
  int ix = (int) x;
  int iy = (int) y;

  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, width);
  g_assert_cmpint (iy, <, height);
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                        iy * cairo_image_surface_get_stride (surface) + ix * 4);
  color->alpha = ((pixel >> 24) & 0xff) / 255.f;
  color->red = ((pixel >> 16) & 0xff) / 255.f;
  color->green = ((pixel >> 8) & 0xff) / 255.f;
  color->blue = (pixel & 0xff) / 255.f;
  cairo_surface_destroy (surface);
}

static void
assert_colour (const GdkRGBA *actual,
               const GdkRGBA *expected)
{
  g_assert_cmpfloat_with_epsilon (actual->red, expected->red, 1.5 / 255);
  g_assert_cmpfloat_with_epsilon (actual->green, expected->green, 1.5 / 255);
  g_assert_cmpfloat_with_epsilon (actual->blue, expected->blue, 1.5 / 255);
  g_assert_cmpfloat_with_epsilon (actual->alpha, 1.0, 1.5 / 255);
}

/* Tests */

static void
test_view (Fixture       *fixture,
           gconstpointer  data)
{
  const TonicChartPalette *palette = tonic_chart_palette_get (FALSE);
  TonicChart *chart;
  GtkColumnView *table;
  GListModel *model;
  g_autofree char *description = NULL;
  graphene_point_t depression;
  graphene_point_t pain;
  GdkRGBA colour;
  double zero_y;
  AuditWait wait = { fixture, 0 };

  /* Before any course: the empty state. */
  store_sign_in (fixture, CLINICIAN_USER);
  show_view (fixture);
  tonic_test_ui_wait_for_stack (VIEW (fixture, "state_stack"), "empty");
  g_assert_true (tonic_test_ui_widgets_contain (fixture->view, "No Courses of Treatment Yet",
                                                NULL));

  /* Courses are documented; reloading shows them. */
  store_add_courses (fixture);
  wait.count = store_test_count_audit (fixture->practice.store, "overview.view", "ok",
                                       fixture->clinician_id) + 1;
  g_assert_true (gtk_widget_activate_action (fixture->view, "overview.reload", NULL));
  tonic_test_ui_wait_for_stack (VIEW (fixture, "state_stack"), "overview");
  tonic_test_ui_wait_until (audited, &wait, "the overview's audit row");

  table = VIEW (fixture, "table");
  model = G_LIST_MODEL (gtk_column_view_get_model (table));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  tonic_test_ui_spin (200);
  /* 2 of 3 respond (after 2 and 1 infusions: a median of 1.5), 1 of 3
   * remits; the pain course responds and has no remission rule. */
  tonic_test_ui_wait_for_text (fixture->view, "Treatment-resistant depression");
  tonic_test_ui_wait_for_text (fixture->view, "67 % (2)");
  tonic_test_ui_wait_for_text (fixture->view, "33 % (1)");
  tonic_test_ui_wait_for_text (fixture->view, "1.5");
  tonic_test_ui_wait_for_text (fixture->view, "100 % (1)");
  tonic_test_ui_wait_for_text (fixture->view, "No rule");
  tonic_test_ui_wait_for_text (fixture->view, "3 of 3");

  /* The chart says the same in words. */
  chart = TONIC_CHART (VIEW (fixture, "chart"));
  g_assert_cmpuint (tonic_chart_get_n_points (chart), ==, 2);
  g_assert_cmpstr (tonic_chart_get_summary (chart), ==,
                   "Response and remission by indication. Treatment-resistant depression: "
                   "response in 2 of 3 courses (67 %), remission in 1 (33 %). Chronic pain: "
                   "response in 1 of 1 course (100 %); no remission rule.");
  tonic_chart_set_highlighted (chart, 1);
  g_assert_cmpint (tonic_chart_get_highlighted (chart), ==, 1);
  description = tonic_chart_describe_point (chart, 1);
  g_assert_cmpstr (description, ==,
                   "Chronic pain: response in 1 of 1 course (100 %); no remission rule");

  /* And draws it: each indication's point on top of its taller bar, the
   * response bar left of it, the remission bar right of it as tall as
   * its share. The 100 % and 67 % tops give the axis. */
  g_assert_true (tonic_chart_get_point_position (chart, 0, 800, 360, &depression));
  g_assert_true (tonic_chart_get_point_position (chart, 1, 800, 360, &pain));
  g_assert_cmpfloat (depression.x, <, pain.x);
  g_assert_cmpfloat (depression.y, >, pain.y);
  zero_y = pain.y + (depression.y - pain.y) * 3;

  chart_pixel (chart, 800, 360, pain.x - 8, pain.y + 12, &colour);
  assert_colour (&colour, &palette->response);
  chart_pixel (chart, 800, 360, depression.x - 8, depression.y + 12, &colour);
  assert_colour (&colour, &palette->response);
  /* Remission at 33 %: drawn near the axis, not up to 67 %. */
  chart_pixel (chart, 800, 360, depression.x + 8, zero_y - 12, &colour);
  assert_colour (&colour, &palette->remission);
  chart_pixel (chart, 800, 360, depression.x + 8, depression.y + 12, &colour);
  g_assert_false (gdk_rgba_equal (&colour, &palette->remission));
  /* No remission bar for pain. */
  chart_pixel (chart, 800, 360, pain.x + 8, zero_y - 12, &colour);
  g_assert_false (gdk_rgba_equal (&colour, &palette->remission));

  /* Shown again: loaded again. */
  wait.count = store_test_count_audit (fixture->practice.store, "overview.view", "ok",
                                       fixture->clinician_id) + 1;
  gtk_widget_set_visible (fixture->view, FALSE);
  tonic_test_ui_spin (50);
  gtk_widget_set_visible (fixture->view, TRUE);
  tonic_test_ui_wait_until (audited, &wait, "the overview loaded again");
  tonic_test_ui_wait_for_stack (VIEW (fixture, "state_stack"), "overview");
}

/* A nurse may not read it: the store's refusal shows as an error. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  store_sign_in (fixture, NURSE_USER);
  show_view (fixture);
  tonic_test_ui_wait_for_stack (VIEW (fixture, "state_stack"), "error");
  g_assert_cmpstr (adw_status_page_get_description (VIEW (fixture, "error_status")), ==,
                   "Your role does not allow you to see the practice overview");
}

/* Through the real window: a nurse's workspace has no Overview; a
 * clinician's has, and shows the practice's. */
static void
sign_in (TonicWindow *window,
         const char  *username)
{
  GtkWidget *page = _tonic_window_get_page_widget (window, "sign-in");

  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "username_row"),
                      username);
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "password_row"),
                      PASSWORD);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "sign_in_button"));
  tonic_test_ui_wait_for_page (window, "main");
}

static AdwViewStack *
workspace_views (TonicWindow *window)
{
  return tonic_test_ui_child (_tonic_window_get_page_widget (window, "main"),
                              TONIC_TYPE_WORKSPACE, "views");
}

static void
test_workspace (Fixture       *fixture,
                gconstpointer  data)
{
  TonicApplication *app;
  TonicWindow *window;
  GtkWidget *view;

  store_add_courses (fixture);
  tonic_test_practice_clear (&fixture->practice);

  app = tonic_test_ui_app_get (fixture->data_dir);
  window = tonic_window_new (app);
  fixture->window = g_object_ref (GTK_WINDOW (window));
  gtk_window_set_default_size (fixture->window, 1100, 800);
  gtk_window_present (fixture->window);
  tonic_test_ui_wait_for_page (window, "sign-in");

  sign_in (window, NURSE_USER);
  g_assert_nonnull (adw_view_stack_get_child_by_name (workspace_views (window), "patients"));
  g_assert_null (adw_view_stack_get_child_by_name (workspace_views (window), "overview"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "sign-out", NULL);
  tonic_test_ui_wait_for_page (window, "sign-in");

  sign_in (window, CLINICIAN_USER);
  view = adw_view_stack_get_child_by_name (workspace_views (window), "overview");
  g_assert_true (TONIC_IS_OVERVIEW_VIEW (view));
  adw_view_stack_set_visible_child_name (workspace_views (window), "overview");
  tonic_test_ui_wait_for_stack (tonic_test_ui_child (view, TONIC_TYPE_OVERVIEW_VIEW, "state_stack"), "overview");
  tonic_test_ui_wait_for_text (view, "67 % (2)");
}

int
main (int   argc,
      char *argv[])
{
  tonic_test_ui_init (&argc, &argv);

  g_test_add ("/overview-ui/view", Fixture, NULL, fixture_set_up, test_view, fixture_tear_down);
  g_test_add ("/overview-ui/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/overview-ui/workspace", Fixture, NULL, fixture_set_up, test_workspace,
              fixture_tear_down);

  return g_test_run ();
}
