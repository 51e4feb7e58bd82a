# Tests of core/swarm (issue 3).
