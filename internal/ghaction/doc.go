// Package ghaction holds the tests of the GitHub Action (action.yml at the
// repository root and the step scripts in .github/action): that every
// input the action uses is declared and reaches its scripts through the
// environment, and that the run step, with a real medlint and bash under
// a fake runner, writes the annotations, the job summary, the outputs and
// the SARIF log, and says when GitHub would not show every annotation.
// It has no code of its own.
package ghaction
