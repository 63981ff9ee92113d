//go:build tools

package corpusheld54

import (
	_ "github.com/cayleygraph/cayley/graph"
	_ "github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	_ "github.com/kubeflow/katib/pkg/controller.v1beta1/experiment"
	_ "sigs.k8s.io/sig-storage-lib-external-provisioner/v13/controller"
)
