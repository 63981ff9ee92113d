package main

import (
	"bufio"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"
)

// 91. gorilla chat: hub with register/unregister/broadcast, client pumps
type Client struct {
	hub  *Hub
	conn net.Conn
	send chan []byte
}

type Hub struct {
	clients    map[*Client]bool
	broadcast  chan []byte
	register   chan *Client
	unregister chan *Client
}

func newHub() *Hub {
	return &Hub{
		broadcast:  make(chan []byte),
		register:   make(chan *Client),
		unregister: make(chan *Client),
		clients:    make(map[*Client]bool),
	}
}

func (h *Hub) run() {
	for {
		select {
		case client := <-h.register:
			h.clients[client] = true
		case client := <-h.unregister:
			if _, ok := h.clients[client]; ok {
				delete(h.clients, client)
				close(client.send)
			}
		case message := <-h.broadcast:
			for client := range h.clients {
				select {
				case client.send <- message:
				default:
					close(client.send)
					delete(h.clients, client)
				}
			}
		}
	}
}

func (c *Client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	sc := bufio.NewScanner(c.conn)
	for sc.Scan() {
		c.hub.broadcast <- append([]byte(nil), sc.Bytes()...)
	}
}

func (c *Client) writePump() {
	ticker := time.NewTicker(30 * time.Second)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case message, ok := <-c.send:
			if !ok {
				return
			}
			if _, err := c.conn.Write(message); err != nil {
				return
			}
		case <-ticker.C:
			if _, err := c.conn.Write([]byte("ping\n")); err != nil {
				return
			}
		}
	}
}

func serve(hub *Hub, conn net.Conn) {
	client := &Client{hub: hub, conn: conn, send: make(chan []byte, 256)}
	client.hub.register <- client
	go client.writePump()
	go client.readPump()
}

// 92. signal handling in a helper called once from main
func handleSignals(cancel func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	go func() {
		<-c
		cancel()
	}()
}

// 93. once-per-process guard with parameters
var (
	startMu sync.Mutex
	started bool
)

func startMetrics(addr string) {
	startMu.Lock()
	defer startMu.Unlock()
	if started {
		return
	}
	started = true
	go func() {
		t := time.NewTicker(time.Minute)
		for range t.C {
			log.Println("metrics", addr)
		}
	}()
}

func main() {
	addr := flag.String("addr", ":8080", "")
	flag.Parse()
	hub := newHub()
	go hub.run()
	handleSignals(func() { os.Exit(0) })
	startMetrics(*addr)
	go func() { log.Fatal(http.ListenAndServe(":6060", nil)) }()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		serve(hub, c)
	}
}
