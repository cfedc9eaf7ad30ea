package cli

import "testing"

func TestMemoryBudgetRespectsGoSettings(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env  map[string]string
		want int64
	}{
		{nil, defaultMemoryBudget},
		{map[string]string{"GOGC": "200"}, 0},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, 0},
	} {
		e := &env{getenv: func(k string) string { return tc.env[k] }}
		if got := e.memoryBudget(); got != tc.want {
			t.Errorf("memoryBudget with %v = %d, want %d", tc.env, got, tc.want)
		}
	}
}
