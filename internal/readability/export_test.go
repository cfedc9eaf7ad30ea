package readability

// Exceptions returns the exception list, for the tests.
func Exceptions() map[string]int { return exceptions }
