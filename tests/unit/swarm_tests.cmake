# Tests of core/swarm (issue 3).
stratus_add_test(test_swarm_torrent unit/test_swarm_torrent.cpp
  LIBS stratus_swarm LibtorrentRasterbar::torrent-rasterbar TIMEOUT 60)
stratus_add_test(test_swarm_session unit/test_swarm_session.cpp LIBS stratus_swarm TIMEOUT 90)
stratus_add_test(test_swarm_dht unit/test_swarm_dht.cpp LIBS stratus_swarm TIMEOUT 90)
