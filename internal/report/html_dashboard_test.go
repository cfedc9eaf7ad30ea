package report_test

import (
	"reflect"
	"testing"

	"github.com/medlint/medlint/internal/review"
)

// dashboardView is what the tests read of the dashboard.
type dashboardView struct {
	Cards    map[string]string `json:"cards"`
	Age      [][2]string       `json:"age"`
	ByRule   [][2]string       `json:"byRule"`
	ByFolder [][2]string       `json:"byFolder"`
	Due      [][]string        `json:"due"`
	DueCount string            `json:"dueCount"`
}

const dashboardJS = `(function () {
  function pairs(sel, a, b) {
    return Array.prototype.map.call(document.querySelectorAll(sel), function (e) {
      return [e.querySelector(a).textContent, e.querySelector(b).textContent];
    });
  }
  var cards = {};
  ["n-pages", "n-never", "n-overdue", "n-due30", "n-due60", "n-due90"].forEach(function (id) {
    var e = document.getElementById(id);
    cards[id] = e ? e.textContent : "";
  });
  return {
    cards: cards,
    age: pairs("#chart-age g", "text.lbl", "text.val"),
    byRule: pairs("#chart-rule li", ".hlabel", ".hval"),
    byFolder: pairs("#chart-folder li", ".hlabel", ".hval"),
    due: Array.prototype.map.call(document.querySelectorAll("#due-table tbody tr"), function (tr) {
      return Array.prototype.map.call(tr.cells, function (td) { return td.textContent; });
    }),
    dueCount: document.getElementById("due-count").textContent
  };
})()`

// TestHTMLDashboardInChromium: the review-age histogram, the cards and
// the table of reviews due (sorted by a click on a column), the findings
// by rule and by folder, as the browser shows them.
func TestHTMLDashboardInChromium(t *testing.T) {
	t.Parallel()
	browser := chromium(t)
	rep, opts := filterReport() // today is 2026-12-07
	page := func(path, last, due string) review.Page {
		return review.Page{Path: path, Kind: "advice", Reviewer: "Dr. Ana Ruiz, MD", LastReviewed: last, Due: due, DueFrom: review.DueWarnAfter}
	}
	rep.Reviews = []review.Page{
		page("a.md", "2026-10-01", "2027-10-01"), // 2 months old, due in over 90 days
		page("b.md", "2025-12-20", "2026-12-20"), // 11 months, due in 13 days
		page("c.md", "2025-01-10", "2026-01-10"), // 22 months, overdue
		{Path: "d.md", Kind: "advice"},           // never reviewed
		page("e.md", "2026-01-25", "2027-01-25"), // 10 months, due in 49 days
		page("f.md", "2026-02-20", "2027-02-20"), // 9 months, due in 75 days
		{Path: "g.md", Kind: "advice", Provider: true, Note: "a template renders the byline"},
		page("h.md", "2022-01-01", "2023-01-01"), // 59 months, overdue
	}
	p := openBrowser(t, browser, 1400, 900)
	p.navigate(writeHTML(t, rep, opts))
	var v dashboardView
	p.eval(dashboardJS, &v)

	if want := map[string]string{"n-pages": "8", "n-never": "1", "n-overdue": "2", "n-due30": "1", "n-due60": "1", "n-due90": "1"}; !reflect.DeepEqual(v.Cards, want) {
		t.Errorf("cards %v, want %v", v.Cards, want)
	}
	if want := [][2]string{{"0–6", "1"}, {"6–12", "3"}, {"12–18", "0"}, {"18–24", "1"}, {"24–36", "0"}, {"36+", "1"}, {"never", "1"}}; !reflect.DeepEqual(v.Age, want) {
		t.Errorf("review-age histogram %v, want %v", v.Age, want)
	}
	if want := [][2]string{{"uncited-claim", "2"}, {"plain-language", "2"}, {"medical-disclaimer", "1"}, {"risky-claim", "1"}, {"list-format", "1"}}; !reflect.DeepEqual(v.ByRule, want) {
		t.Errorf("findings by rule %v, want %v", v.ByRule, want)
	}
	// The hostile path's folders end inside its </script>: its first two
	// are counted, as text.
	if want := [][2]string{{"conditions/skin/", "3"}, {"nutrition/", "3"}, {"sleep/insomnia\"><script>document.title='pwned'</", "1"}}; !reflect.DeepEqual(v.ByFolder, want) {
		t.Errorf("findings by folder %v, want %v", v.ByFolder, want)
	}
	column := func(v dashboardView, i int) []string {
		var out []string
		for _, row := range v.Due {
			out = append(out, row[i])
		}
		return out
	}
	if got, want := column(v, 4), []string{"d.md", "h.md", "c.md", "b.md", "e.md", "f.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reviews due, by due date: %q, want %q", got, want)
	}
	if got, want := column(v, 1)[:4], []string{"never reviewed", "overdue 1436 days", "overdue 331 days", "in 13 days"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reviews due, when: %q, want %q", got, want)
	}
	for _, tc := range []struct {
		click string
		col   int
		want  []string
	}{
		{`#due-table th button[data-key="path"]`, 4, []string{"b.md", "c.md", "d.md", "e.md", "f.md", "h.md"}},
		{`#due-table th button[data-key="path"]`, 4, []string{"h.md", "f.md", "e.md", "d.md", "c.md", "b.md"}},
		{`#due-table th button[data-key="last"]`, 4, []string{"h.md", "c.md", "b.md", "e.md", "f.md", "d.md"}},
		{`.due-filter button[data-due="30"]`, 4, []string{"h.md", "c.md", "b.md", "d.md"}},
		{`.due-filter button[data-due="overdue"]`, 4, []string{"h.md", "c.md", "d.md"}},
	} {
		p.eval(`document.querySelector('`+tc.click+`').click(), true`, nil)
		p.eval(dashboardJS, &v)
		if got := column(v, tc.col); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("after a click on %s: %q, want %q", tc.click, got, tc.want)
		}
	}
	if v.DueCount != "3 pages" {
		t.Errorf("due count %q, want 3 pages", v.DueCount)
	}
}
