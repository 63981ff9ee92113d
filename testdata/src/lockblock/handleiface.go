package lockblock

import "sync"

// A constructor that returns its struct as an interface, keeping its
// argument in a field: a lock its method takes through that field is a
// lock on the argument (etcd#6708's members API over the cluster client).

type doer interface{ Do() }

type leaderAPI interface{ Leader() }

type membersAPI struct{ client doer }

func (m *membersAPI) Leader() { m.client.Do() }

func newMembersAPI(c doer) leaderAPI { return &membersAPI{client: c} }

type clusterClient struct {
	sync.RWMutex
	endpoints []string
	leader    bool
}

func (c *clusterClient) Do() {
	c.RLock()
	defer c.RUnlock()
	_ = c.endpoints
}

// Bad: the members API calls back into c.Do, which read-locks c while
// SetEndpoints holds it.
func (c *clusterClient) SetEndpoints(eps []string) {
	c.Lock()
	defer c.Unlock()
	c.endpoints = eps
	if c.leader {
		newMembersAPI(c).Leader() // want `call to \(leaderAPI\).Leader read-locks c while it is already locked on this path`
	}
}

// Good (near miss): the members API is built over another client.
func (c *clusterClient) SetEndpointsFrom(other *clusterClient, eps []string) {
	c.Lock()
	defer c.Unlock()
	c.endpoints = eps
	newMembersAPI(other).Leader()
}
