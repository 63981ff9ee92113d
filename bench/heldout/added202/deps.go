//go:build tools

package corpusheld202

import (
	_ "github.com/kubernetes-csi/external-attacher/v4/pkg/controller"
	_ "github.com/kubernetes-csi/external-snapshotter/v8/pkg/sidecar-controller"
	_ "github.com/kubernetes-sigs/aws-ebs-csi-driver/pkg/cloud"
	_ "k8s.io/autoscaler/vertical-pod-autoscaler/pkg/recommender/routines"
	_ "k8s.io/kube-state-metrics/v2/pkg/app"
	_ "sigs.k8s.io/cluster-api-provider-gcp/controllers"
	_ "sigs.k8s.io/gateway-api-inference-extension/pkg/lwepp/server"
	_ "sigs.k8s.io/gcp-compute-persistent-disk-csi-driver/pkg/gce-pd-csi-driver"
)
