# Tests of core/node (issue 3).
