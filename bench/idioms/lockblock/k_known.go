package idioms

import "sync"

// KNOWN FALSE POSITIVE (docs/evaluation.md, "lockblock: idiom audit"):
// the wake model identifies a mutex by its class (struct type and field),
// so a child's n.mu and its parent's n.mu are one mutex to it.

// 59. a node refreshing its children in parallel: each child locks its own
// mutex (same type, another instance), the parent waits holding its own
type TreeNode struct {
	mu       sync.Mutex
	val      int
	children []*TreeNode
}

func (n *TreeNode) refresh() {
	n.mu.Lock()
	n.val++
	n.mu.Unlock()
}

func (n *TreeNode) RefreshChildren() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range n.children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.refresh()
		}()
	}
	wg.Wait()
}
