# Tests of core/net (issue 3).
