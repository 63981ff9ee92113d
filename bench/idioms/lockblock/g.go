package idioms

import "sync"

// Reported before the idiom audit (docs/evaluation.md, "lockblock: idiom
// audit"): the wake model identifies a mutex by its class, so a child's
// mutex and its parent's were one mutex to it.

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

// 59b. the same with the child passed as the goroutine's argument
func (n *TreeNode) RefreshChildrenArg() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range n.children {
		wg.Add(1)
		go func(c *TreeNode) {
			defer wg.Done()
			c.refresh()
		}(c)
	}
	wg.Wait()
}

func (n *TreeNode) refreshDone(wg *sync.WaitGroup) {
	defer wg.Done()
	n.mu.Lock()
	n.val++
	n.mu.Unlock()
}

// 59c. the same with a method started on each child
func (n *TreeNode) RefreshChildrenMethod() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range n.children {
		wg.Add(1)
		go c.refreshDone(&wg)
	}
	wg.Wait()
}
