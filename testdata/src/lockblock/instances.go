package lockblock

import "sync"

// The wake model knows a mutex by its class (type and field); a node's
// children have a mutex of the same class. A goroutine that locks a child,
// reached from the node through a field, does not need the node's.

type treeNode struct {
	mu       sync.Mutex
	val      int
	children []*treeNode
	parent   *treeNode
}

func (n *treeNode) refresh() {
	n.mu.Lock()
	n.val++
	n.mu.Unlock()
}

// Good: each goroutine locks a child's mutex, not n.mu.
func (n *treeNode) refreshChildren() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range n.children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.refresh() // ok: another node's mutex
		}()
	}
	wg.Wait()
}

// Good: the goroutine locks the parent's mutex.
func (n *treeNode) bubbleUp() {
	n.mu.Lock()
	defer n.mu.Unlock()
	p := n.parent
	done := make(chan struct{})
	go func() {
		p.mu.Lock()
		p.val++
		p.mu.Unlock()
		close(done)
	}()
	<-done // ok: the closer locks p.mu, another node's
}

// Bad: the goroutine refreshes the node itself.
func (n *treeNode) refreshSelf() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	for range n.children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n.refresh()
		}()
	}
	wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while n.mu is held, but the only call to \(\*sync.WaitGroup\).Done that could end it`
}

// Bad: a local alias of the node is still the node.
func (n *treeNode) refreshAlias() {
	n.mu.Lock()
	defer n.mu.Unlock()
	self := n
	done := make(chan struct{})
	go func() {
		self.refresh()
		close(done)
	}()
	<-done // want `deadlock: receive from channel done while n.mu is held`
}

// Good: the child is the goroutine's argument.
func (n *treeNode) refreshChildrenArg() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range n.children {
		wg.Add(1)
		go func(c *treeNode) {
			defer wg.Done()
			c.refresh() // ok: another node's mutex
		}(c)
	}
	wg.Wait()
}

// Bad: the node itself is the goroutine's argument.
func (n *treeNode) refreshSelfArg() {
	n.mu.Lock()
	defer n.mu.Unlock()
	done := make(chan struct{})
	go func(x *treeNode) {
		x.refresh()
		close(done)
	}(n)
	<-done // want `deadlock: receive from channel done while n.mu is held`
}

func (n *treeNode) refreshDone(wg *sync.WaitGroup) {
	defer wg.Done()
	n.mu.Lock()
	n.val++
	n.mu.Unlock()
}

// Good: a method started on each child, its only call in the package.
func (n *treeNode) refreshChildrenMethod() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range n.children {
		wg.Add(1)
		go c.refreshDone(&wg) // ok: another node's mutex
	}
	wg.Wait()
}

func (n *treeNode) bumpDone(wg *sync.WaitGroup) {
	defer wg.Done()
	n.mu.Lock()
	n.val++
	n.mu.Unlock()
}

// Bad: the method is started on the node itself.
func (n *treeNode) bumpSelfMethod() {
	n.mu.Lock()
	defer n.mu.Unlock()
	var wg sync.WaitGroup
	wg.Add(1)
	go n.bumpDone(&wg)
	wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while n.mu is held`
}

// A recursive check that holds a package's lock while goroutines check
// the packages it imports (controller-tools' TypeChecker.check).
type checkedPkg struct {
	sync.Mutex
	imports []*checkedPkg
	checked bool
}

func importsOf(p *checkedPkg) []*checkedPkg { return p.imports }

type pkgChecker struct{}

// Good: each goroutine's check locks the imported package it is given,
// another object of the same class, not root.
func (c *pkgChecker) check(root *checkedPkg) {
	root.Lock()
	defer root.Unlock()
	var wg sync.WaitGroup
	for _, pkg := range importsOf(root) {
		wg.Add(1)
		go func(pkg *checkedPkg) {
			defer wg.Done()
			c.check(pkg)
		}(pkg)
	}
	wg.Wait() // ok: the goroutines lock the imports' mutexes
	root.checked = true
}

// Bad: the goroutine's recursive call is given root itself.
func (c *pkgChecker) checkAgain(root *checkedPkg, depth int) {
	root.Lock()
	defer root.Unlock()
	if depth == 0 {
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.checkAgain(root, depth-1)
	}()
	wg.Wait() // want `deadlock: call to \(\*sync.WaitGroup\).Wait while root is held, but the only call to \(\*sync.WaitGroup\).Done that could end it, in \(\*pkgChecker\).checkAgain, must first lock root`
}
